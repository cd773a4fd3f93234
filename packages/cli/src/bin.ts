// Entry point: runs the command for this process and sets the exit code (see main.ts).
import { fileURLToPath } from "node:url";
import { runCommand } from "./commands.ts";
import { directoryCompileCache } from "./compile-cache.ts";
import type { CliIo } from "./gen-nix.ts";
import { useColor } from "./diagnostics/style.ts";
import { stderrIsTerminal, stdioWriter } from "./stdio.ts";

const io: CliIo = {
  cwd: process.cwd(),
  stdout: stdioWriter(1),
  stderr: stdioWriter(2),
  // A getter: only messages on stderr are coloured, so a run that prints none never asks (stdio.ts).
  get color() {
    return useColor(stderrIsTerminal(), process.env);
  },
  // Beside the bundle, where bin/gen-nix.cjs keeps V8's code cache: a new build starts without
  // it, and a read-only install compiles the config at each run, as without a cache.
  compileCache: directoryCompileCache(fileURLToPath(new URL("config-cache", import.meta.url))),
};

// runCommand reports every error itself (main.ts); a rejection means reporting failed too.
runCommand(process.argv.slice(2), io).then(
  (code) => void (process.exitCode = code),
  (error: unknown) => {
    io.stderr(`gen-nix: internal error (bug)\n${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = 70;
  },
);
