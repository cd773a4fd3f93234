// Entry point: runs the command for this process and sets the exit code (see main.ts).
import { z } from "zod";
import { useColor } from "./diagnostics/style.ts";
import { runCli } from "./main.ts";

// A run parses one config once: compiling zod's fast-path parsers costs more than it saves.
z.config({ jitless: true });

process.exitCode = runCli(process.argv.slice(2), {
  cwd: process.cwd(),
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
  color: useColor(process.stderr.isTTY, process.env),
});
