// The command line: `gen-nix [audit] [--config FILE] [--out DIR] [--check] [--json] [--wait SECONDS] [--help] [--version]`
// (`gen-nix import …` has its own, in import/command.ts).
import { parseArgs, type ParseArgsConfig } from "node:util";
import { UsageError } from "./errors.ts";

/** The first positional argument picks the command; none means generate. */
const COMMANDS = ["generate", "audit"] as const;
export type Command = (typeof COMMANDS)[number];

export interface CliArgs {
  readonly command: Command;
  /** As given, relative to the working directory. */
  readonly config: string;
  /** As given; undefined means the config file's directory. */
  readonly out: string | undefined;
  readonly check: boolean;
  /** Errors and warnings as JSON on stdout; everything else goes to stderr. */
  readonly json: boolean;
  /** How long to wait for another run writing the out dir, in ms. */
  readonly waitMs: number;
  readonly help: boolean;
  readonly version: boolean;
}

export const USAGE = `Usage: gen-nix [--config FILE] [--out DIR] [--check] [--json] [--wait SECONDS]
       gen-nix audit [--config FILE] [--json]
       gen-nix import FILE [--name NAME] [--directory DIR] [--out-file FILE]  (see gen-nix import --help)

Writes a NixOS flake from a TypeScript config.
\`audit\` lists every security opt-out of the config, with how to undo it, and exits 1 if
there is any (0: none).

Options:
  -c, --config FILE  the config (default: infra.config.ts)
  -o, --out DIR      the flake root to write (default: the config file's directory)
      --check        write nothing; print a diff and exit 1 if the flake is out of date
      --json         print errors and warnings as JSON on stdout (other output goes to stderr)
      --wait SECONDS how long to wait for another gen-nix run writing the flake (default: 30)
  -h, --help         print this help
      --version      print the version
`;

const OPTIONS = {
  config: { type: "string", short: "c", default: "infra.config.ts" },
  out: { type: "string", short: "o" },
  check: { type: "boolean", default: false },
  json: { type: "boolean", default: false },
  wait: { type: "string" },
  help: { type: "boolean", short: "h", default: false },
  version: { type: "boolean", default: false },
} as const;

export function parseCliArgs(argv: readonly string[]): CliArgs {
  const { values, positionals } = parseCommandLine(argv, OPTIONS);
  const { config, out, check, json, wait, help, version } = values;
  const cmd = command(positionals);
  // audit writes nothing: a flake root, a check or a wait for writers would be silently ignored.
  const ignored = out !== undefined ? "--out" : check ? "--check" : wait !== undefined ? "--wait" : undefined;
  if (cmd === "audit" && ignored !== undefined) throw new UsageError(`audit takes no ${ignored}`);
  return { command: cmd, config, out, check, json, waitMs: seconds(wait ?? DEFAULT_WAIT), help, version };
}

/** How long a run waits for another one writing the flake, unless `--wait` says otherwise (seconds). */
const DEFAULT_WAIT = "30";

/** `--wait`'s value in ms: a number of seconds, 0 or more. */
function seconds(text: string): number {
  const value = text.trim() === "" ? NaN : Number(text);
  if (!Number.isFinite(value) || value < 0) throw new UsageError(`--wait takes a number of seconds (0 or more), got ${JSON.stringify(text)}`);
  return value * 1000;
}

/** Node's strict parseArgs with positionals, for every command line; its errors are UsageErrors. */
export function parseCommandLine<const O extends NonNullable<ParseArgsConfig["options"]>>(argv: readonly string[], options: O) {
  try {
    return parseArgs({ args: [...argv], options, strict: true, allowPositionals: true });
  } catch (error) {
    // With positionals allowed, Node appends a hint about `--` that does not apply to gen-nix.
    if (isParseArgsError(error)) throw new UsageError(error.message.replace(/\. To specify a positional argument.*$/s, ""), { cause: error });
    throw error;
  }
}

function command(positionals: readonly string[]): Command {
  const [first = "generate", ...rest] = positionals;
  const known = COMMANDS.find((c) => c === first);
  // `import` is dispatched before these arguments are parsed (commands.ts), but is one all the same.
  if (known === undefined) throw new UsageError(`unknown command "${first}"; commands: ${[...COMMANDS, "import"].join(", ")}`);
  if (rest.length > 0) throw new UsageError(`unexpected argument "${rest[0]}"`);
  return known;
}

function isParseArgsError(error: unknown): error is Error {
  return error instanceof TypeError && String(Reflect.get(error, "code")).startsWith("ERR_PARSE_ARGS_");
}
