// Entry point: runs the command for this process and sets the exit code (see main.ts).
// First, before the modules that build the DSL's schemas: see zod-jitless.ts.
import "./zod-jitless.ts";
import { isatty } from "node:tty";
import { fileURLToPath } from "node:url";
import { runCommand } from "./commands.ts";
import { directoryCompileCache } from "./compile-cache.ts";
import { useColor } from "./diagnostics/style.ts";

// Promise.resolve().then: a synchronous throw is caught the same way as a rejection.
Promise.resolve()
  .then(() =>
    runCommand(process.argv.slice(2), {
      cwd: process.cwd(),
      stdout: (text) => void process.stdout.write(text),
      stderr: (text) => void process.stderr.write(text),
      // isatty(2), not process.stderr.isTTY: building the stream early costs a few ms of every run.
      color: useColor(isatty(2), process.env),
      // Beside the bundle, where bin/gen-nix.cjs keeps V8's code cache: a new build starts without
      // it, and a read-only install compiles the config at each run, as without a cache.
      compileCache: directoryCompileCache(fileURLToPath(new URL("config-cache", import.meta.url))),
    }),
  )
  .then((code) => void (process.exitCode = code));
