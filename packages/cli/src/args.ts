// The command line: `gen-nix [--config FILE] [--out DIR] [--check] [--json] [--help] [--version]`.
import { parseArgs } from "node:util";
import { UsageError } from "./errors.ts";

export interface CliArgs {
  /** As given, relative to the working directory. */
  readonly config: string;
  /** As given; undefined means the config file's directory. */
  readonly out: string | undefined;
  readonly check: boolean;
  /** Errors and warnings as JSON on stdout; everything else goes to stderr. */
  readonly json: boolean;
  readonly help: boolean;
  readonly version: boolean;
}

export const USAGE = `Usage: gen-nix [--config FILE] [--out DIR] [--check] [--json]

Writes a NixOS flake from a TypeScript config.

Options:
  -c, --config FILE  the config (default: infra.config.ts)
  -o, --out DIR      the flake root to write (default: the config file's directory)
      --check        write nothing; print a diff and exit 1 if the flake is out of date
      --json         print errors and warnings as JSON on stdout (other output goes to stderr)
  -h, --help         print this help
      --version      print the version
`;

const OPTIONS = {
  config: { type: "string", short: "c", default: "infra.config.ts" },
  out: { type: "string", short: "o" },
  check: { type: "boolean", default: false },
  json: { type: "boolean", default: false },
  help: { type: "boolean", short: "h", default: false },
  version: { type: "boolean", default: false },
} as const;

export function parseCliArgs(argv: readonly string[]): CliArgs {
  try {
    const { values } = parseArgs({ args: [...argv], options: OPTIONS, strict: true, allowPositionals: false });
    const { config, out, check, json, help, version } = values;
    return { config, out, check, json, help, version };
  } catch (error) {
    throw isParseArgsError(error) ? new UsageError(error.message, { cause: error }) : error;
  }
}

function isParseArgsError(error: unknown): error is Error {
  return error instanceof TypeError && String(Reflect.get(error, "code")).startsWith("ERR_PARSE_ARGS_");
}
