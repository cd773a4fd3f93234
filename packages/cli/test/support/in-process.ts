// A command run in-process, as bin.ts runs it but with its output captured instead of printed.
import type { CliIo } from "../../src/gen-nix.ts";

export interface Captured {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

type Command<R> = (argv: readonly string[], io: CliIo) => R;

/**
 * Runs `command` (genNix, runCli, runCommand, runImport) with `argv` in `cwd`; awaits it when it
 * is async. What it throws is thrown, so tests of the unreported commands can assert on errors.
 */
export function inProcess(command: Command<number>, argv: readonly string[], cwd: string, color?: boolean): Captured;
export function inProcess(command: Command<Promise<number>>, argv: readonly string[], cwd: string, color?: boolean): Promise<Captured>;
export function inProcess(command: Command<number | Promise<number>>, argv: readonly string[], cwd: string, color = false): Captured | Promise<Captured> {
  const out = { stdout: "", stderr: "" };
  const io: CliIo = { cwd, color, stdout: (text) => void (out.stdout += text), stderr: (text) => void (out.stderr += text) };
  const code = command(argv, io);
  return typeof code === "number" ? { code, ...out } : code.then((done) => ({ code: done, ...out }));
}
