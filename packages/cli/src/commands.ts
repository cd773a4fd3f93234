// Subcommands: `gen-nix import …` reads a compose file; anything else is the flake generator.
import { genNix, type CliIo } from "./gen-nix.ts";
import { runImport } from "./import/command.ts";

/** Runs the command line `argv` (without node and the script); resolves to the exit code. */
export async function runCommand(argv: readonly string[], io: CliIo): Promise<number> {
  if (argv[0] === "import") return runImport(argv.slice(1), io);
  return genNix(argv, io);
}
