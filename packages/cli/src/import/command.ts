// The `gen-nix import` command line: reads a compose file, prints (or writes) the TypeScript,
// lists on stderr what it could not map. Exit 0 when everything mapped, 1 when the snippet was
// written but something was left out or changed (listed), 2 for usage or unreadable input.
import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { parseCommandLine } from "../args.ts";
import { UsageError, displayPath } from "../errors.ts";
import type { CliIo } from "../gen-nix.ts";
import { importCompose } from "./import-compose.ts";
import { formatReport } from "./report.ts";

export const IMPORT_USAGE = `Usage: gen-nix import FILE [--name NAME] [--directory DIR] [--out-file FILE]

Turns a docker-compose.yml into a typed stack to paste into infra.config.ts.

Options:
      --name NAME       the stack name (default: the file's name:, else its directory's name)
      --directory DIR   the stack directory; ./ paths and env files resolve here (default: /var/lib/NAME)
      --out-file FILE   write the TypeScript to FILE instead of stdout
  -h, --help            print this help

Exit status: 0 when everything mapped, 1 when something could not be mapped (the snippet is
still written; each item is listed on stderr and in its comments), 2 for a usage or input error.
`;

const OPTIONS = {
  name: { type: "string" },
  directory: { type: "string" },
  "out-file": { type: "string" },
  help: { type: "boolean", short: "h", default: false },
} as const;

/** `argv` is what follows `import`; returns the exit code. */
export async function runImport(argv: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandLine(argv, OPTIONS);
  if (values.help) {
    io.stdout(IMPORT_USAGE);
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError(`gen-nix import takes one compose file, got ${positionals.length}`);
  const file = resolve(io.cwd, positionals[0] ?? "");
  const directory = values.directory;
  const result = await importCompose({ file, name: values.name, directory });
  const outFile = values["out-file"];
  if (outFile === undefined) io.stdout(result.code);
  else writeFileSync(resolve(io.cwd, outFile), result.code);
  io.stderr(formatReport(result.entries, displayPath(file)));
  const where = outFile === undefined ? "" : ` to ${outFile}`;
  if (result.unmapped === 0) {
    io.stderr(`gen-nix import: stack "${result.project}" written${where}; everything mapped\n`);
    return 0;
  }
  io.stderr(`gen-nix import: stack "${result.project}" written${where}; ${result.unmapped} item(s) not mapped (listed above and in its comments)\n`);
  return 1;
}
