// The command with its error reporting: the one place that turns what genNix throws into a
// message and an exit code. bin.ts runs it for the shell; tests run it in-process. A user's
// mistake prints located messages without a stack and exits 2; anything unexpected is a bug in
// gen-nix: its stack and exit 70 (EX_SOFTWARE).
import { resolve } from "node:path";
import { InfraConfigError } from "@gen-nix/dsl";
import { parseCliArgs } from "./args.ts";
import { formatReports, locateDiagnostics, locatedAt, reportsJson, type LocatedReport } from "./diagnostics/report.ts";
import { ANSI, PLAIN } from "./diagnostics/style.ts";
import { CliError, ConfigLoadError, UsageError, displayPath } from "./errors.ts";
import { genNix, type CliIo } from "./gen-nix.ts";

/** Runs gen-nix with `argv` and reports any error on `io`; returns the exit code. */
export function runCli(argv: readonly string[], io: CliIo): number {
  try {
    return genNix(argv, io);
  } catch (error) {
    return report(error, argv, io);
  }
}

/** What the arguments say about reporting, read leniently: they may be what failed. */
function context(argv: readonly string[], io: CliIo): { json: boolean; configFile: string; help: string } {
  const configFile = resolve(io.cwd, "infra.config.ts");
  // `gen-nix import` has options of its own and no --json.
  if (argv[0] === "import") return { json: false, configFile, help: "gen-nix import --help" };
  try {
    const args = parseCliArgs(argv);
    return { json: args.json, configFile: resolve(io.cwd, args.config), help: "gen-nix --help" };
  } catch {
    return { json: argv.includes("--json"), configFile, help: "gen-nix --help" };
  }
}

/** Turns what a command threw into its message and exit code. */
export function report(error: unknown, argv: readonly string[], io: CliIo): number {
  const { json, configFile, help } = context(argv, io);
  const style = io.color ? ANSI : PLAIN;
  if (error instanceof InfraConfigError || error instanceof ConfigLoadError) {
    const reports = error instanceof InfraConfigError ? invalidConfig(error, configFile, io) : [loadFailure(error, io)];
    if (json) {
      io.stdout(reportsJson(reports, []));
    } else {
      const count = reports.length === 1 ? "1 error" : `${reports.length} errors`;
      io.stderr(`${formatReports(reports, style)}\ngen-nix: ${count} in ${displayPath(configFile, io.cwd)}; nothing written\n`);
    }
    return 2;
  }
  if (error instanceof CliError) {
    const usage = error instanceof UsageError;
    if (json) io.stdout(reportsJson([{ severity: "error", code: usage ? "usage" : "out_dir", message: error.message, path: [], file: displayPath(configFile, io.cwd), line: null, column: null, suggestion: null }], []));
    else io.stderr(`gen-nix: ${error.message}\n${usage ? `Run '${help}' for usage.\n` : ""}`);
    return 2;
  }
  // The disk said no (EACCES, ENOSPC, EROFS...): not a bug, and the message names the path.
  if (isSystemError(error)) {
    io.stderr(`gen-nix: ${error.message}\n`);
    return 74;
  }
  io.stderr(`gen-nix: internal error (bug)\n${error instanceof Error ? error.stack : String(error)}\n`);
  return 70;
}

function invalidConfig(error: InfraConfigError, configFile: string, io: CliIo): LocatedReport[] {
  return locateDiagnostics(error.issues, "error", { absolute: configFile, shown: displayPath(configFile, io.cwd) });
}

function loadFailure(error: ConfigLoadError, io: CliIo): LocatedReport {
  const { file, line, column } = error.location;
  const shown = displayPath(file, io.cwd);
  const base = { severity: "error" as const, code: error.code, message: error.reason, path: [], file: shown, suggestion: null };
  return locatedAt(base, file, line, column);
}

function isSystemError(error: unknown): error is Error {
  return error instanceof Error && typeof Reflect.get(error, "syscall") === "string";
}
