// Entry point, and the only place that catches errors and sets the exit code. A user's mistake
// prints a message without a stack and exits 2; anything unexpected is a bug in gen-nix: its
// stack and exit 70 (EX_SOFTWARE).
import { z } from "zod";
import { InfraConfigError } from "@gen-nix/dsl";
import { CliError, UsageError } from "./errors.ts";
import { genNix } from "./gen-nix.ts";

// A run parses one config once: compiling zod's fast-path parsers costs more than it saves.
z.config({ jitless: true });

const stderr = (text: string): void => void process.stderr.write(text);
const stdout = (text: string): void => void process.stdout.write(text);

try {
  process.exitCode = genNix(process.argv.slice(2), { cwd: process.cwd(), stdout, stderr });
} catch (error) {
  process.exitCode = report(error);
}

function report(error: unknown): number {
  if (error instanceof InfraConfigError) return fail(`invalid config:\n${error.format()}`, 2);
  if (error instanceof UsageError) return fail(`${error.message}\nRun 'gen-nix --help' for usage.`, 2);
  if (error instanceof CliError) return fail(error.message, 2);
  // The disk said no (EACCES, ENOSPC, EROFS...): not a bug, and the message names the path.
  if (isSystemError(error)) return fail(error.message, 74);
  stderr(`gen-nix: internal error (bug)\n${error instanceof Error ? error.stack : String(error)}\n`);
  return 70;
}

function fail(message: string, code: number): number {
  stderr(`gen-nix: ${message}\n`);
  return code;
}

function isSystemError(error: unknown): error is Error {
  return error instanceof Error && typeof Reflect.get(error, "syscall") === "string";
}
