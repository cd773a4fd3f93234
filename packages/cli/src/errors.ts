// The CLI's own user-facing errors. main.ts reports their message without a stack and exits 2:
// they describe a mistake the user can fix, never a bug in gen-nix.
import { isAbsolute, relative, sep } from "node:path";

/** Base of every error that is the user's to fix. */
export class CliError extends Error {
  override readonly name: string = "CliError";
}

/** Bad command line: an unknown option, a missing value, a stray argument. */
export class UsageError extends CliError {
  override readonly name = "UsageError";
}

/** Where in the user's files a load failed; `line`/`column` are 1-based. */
export interface SourceLocation {
  readonly file: string;
  readonly line?: number;
  readonly column?: number;
}

/** Why a config failed to load, as a stable code for `--json`. */
export type LoadErrorCode =
  | "config_not_found"
  | "not_a_file"
  | "syntax_error"
  | "config_threw"
  | "module_not_found"
  | "no_config_export"
  | "invalid_json";

/**
 * The config could not be loaded: missing, a syntax error, threw, or exports no config.
 * The message starts with the location: `infra.config.ts:3:8: syntax error: Unexpected token`.
 */
export class ConfigLoadError extends CliError {
  override readonly name = "ConfigLoadError";
  readonly location: SourceLocation;
  /** The message without the location. */
  readonly reason: string;
  readonly code: LoadErrorCode;

  constructor(code: LoadErrorCode, reason: string, location: SourceLocation, options?: ErrorOptions) {
    super(`${formatLocation(location)}: ${reason}`, options);
    this.code = code;
    this.reason = reason;
    this.location = location;
  }
}

/** The out dir cannot be updated safely: a foreign file is in the way, or the manifest is corrupt. */
export class OutDirError extends CliError {
  override readonly name = "OutDirError";
}

/** Whether `path` is `dir` or below it (both absolute). A name starting with `..` is below. */
export function contains(dir: string, path: string): boolean {
  const rel = relative(dir, path);
  return rel === "" || (rel.split(sep)[0] !== ".." && !isAbsolute(rel));
}

/** `file` as the user most likely typed it: relative to the working directory when inside it. */
export function displayPath(file: string, cwd: string = process.cwd()): string {
  const rel = relative(cwd, file);
  return rel === "" || !contains(cwd, file) ? file : rel;
}

/** `hosts.ts:3:9`, `hosts.ts:3` or `hosts.ts`, as editors and terminals link them. */
export function formatLocation({ file, line, column }: SourceLocation): string {
  const at = line === undefined ? "" : column === undefined ? `:${line}` : `:${line}:${column}`;
  return `${displayPath(file)}${at}`;
}

/** Whether `error` is a system error with one of `codes` (ENOENT, EEXIST, …). */
export function isErrno(error: unknown, ...codes: string[]): boolean {
  return error instanceof Error && codes.includes(String(Reflect.get(error, "code")));
}
