// Subcommands: `gen-nix import …` reads a compose file; anything else (generate, audit) is
// runCli. Both report errors the same way (main.ts), so every exit code means the same.
import type { CliIo } from "./gen-nix.ts";
import { runImport } from "./import/command.ts";
import { report, runCli } from "./main.ts";

/** Runs the command line `argv` (without node and the script); resolves to the exit code. */
export async function runCommand(argv: readonly string[], io: CliIo): Promise<number> {
  if (argv[0] !== "import") return runCli(argv, io);
  try {
    return await runImport(argv.slice(1), io);
  } catch (error) {
    return report(error, argv, io);
  }
}
