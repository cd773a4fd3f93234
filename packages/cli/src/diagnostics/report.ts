// Diagnostics as the user sees them: located in their file (`infra.config.ts:12:9`), with a code
// frame, or as JSON for tools. Locating loads ts-morph, so this runs only when there is
// something to report. A config whose source cannot be read or parsed, or a path not found in it,
// still gets its message and config path: locating never turns a user's error into a crash.
import { readFileSync } from "node:fs";
import { escapeUnsafe, formatPath, quote, type Diagnostic } from "@gen-nix/dsl";
import { codeFrame, sourceLines, type FrameSpan } from "./frame.ts";
import { createLocator, type Found, type Locator } from "./locate.ts";
import { PLAIN, type Style } from "./style.ts";
import { tsMorph } from "./ts-morph.ts";

export type Severity = "error" | "warning";

/** One problem with where it is; the shape `--json` prints. */
export interface Report {
  readonly severity: Severity;
  readonly code: string;
  readonly message: string;
  readonly path: readonly (string | number)[];
  /** As the user named it: relative to the working directory when inside it. */
  readonly file: string;
  readonly line: number | null;
  readonly column: number | null;
  readonly suggestion: string | null;
}

/** A report plus what the text form needs: the span and the source lines to frame it in. */
export interface LocatedReport extends Report {
  readonly span?: FrameSpan;
  readonly approximate?: boolean;
  readonly lines?: readonly string[];
}

/** The config file: its absolute path and the path to show. */
export interface SourceFileRef {
  readonly absolute: string;
  readonly shown: string;
}

function readSource(file: string): string | undefined {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
}

function tryLocator(file: SourceFileRef, source: string): Locator | undefined {
  try {
    return createLocator(tsMorph(), file.absolute, source);
  } catch {
    return undefined;
  }
}

function spanOf(locator: Locator, found: Found, lines: readonly string[]): FrameSpan {
  const { line, column } = locator.position(found.start);
  const end = locator.position(found.end);
  const rest = (lines[line - 1]?.length ?? 0) - column + 1;
  return { line, column, length: end.line === line ? end.column - column : rest };
}

/** Locates each diagnostic in `file`; those not found keep only their config path. */
export function locateDiagnostics(diagnostics: readonly Diagnostic[], severity: Severity, file: SourceFileRef): LocatedReport[] {
  if (diagnostics.length === 0) return [];
  const source = readSource(file.absolute);
  const locator = source === undefined ? undefined : tryLocator(file, source);
  const lines = source === undefined ? undefined : sourceLines(source);
  return diagnostics.map((d) => {
    const base = { severity, code: d.code, message: d.message, path: d.path, file: file.shown, suggestion: d.suggestion ?? null };
    let found: Found | undefined;
    try {
      found = locator?.locate(d.path, d.key === true);
    } catch {
      found = undefined;
    }
    if (found === undefined || locator === undefined || lines === undefined) return { ...base, line: null, column: null };
    const span = spanOf(locator, found, lines);
    return { ...base, line: span.line, column: span.column ?? null, span, approximate: found.kind === "opaque", lines };
  });
}

/** A problem located by line (and maybe column) only, such as a syntax error; framed from the file. */
export function locatedAt(report: Omit<Report, "line" | "column">, absolute: string, line?: number, column?: number): LocatedReport {
  if (line === undefined) return { ...report, line: null, column: null };
  const source = readSource(absolute);
  const span: FrameSpan = { line, column, length: 1 };
  return { ...report, line, column: column ?? null, span, lines: source === undefined ? undefined : sourceLines(source) };
}

function where(r: Report): string {
  return r.line === null ? r.file : r.column === null ? `${r.file}:${r.line}` : `${r.file}:${r.line}:${r.column}`;
}

/**
 * ```
 * infra.config.ts:41:40: error: unknown app "myap"; apps on this host: myapp
 *   → at hosts.prod.caddy.sites["myapp.example.com"].app
 *     40 |         sites: {
 *   > 41 |           "myapp.example.com": { app: "myap" },
 *        |                                       ^^^^^^
 *     42 |         },
 *   did you mean "myapp"?
 * ```
 */
export function formatReport(r: LocatedReport, style: Style = PLAIN): string {
  const mark = r.severity === "error" ? style.error : style.warning;
  const out = [`${style.bold(where(r))}: ${mark(r.severity)}: ${escapeUnsafe(r.message)}`];
  if (r.path.length > 0) out.push(style.dim(`  → at ${formatPath(r.path)}`));
  const frame = r.span && r.lines ? codeFrame(r.lines, r.span, style, mark) : "";
  if (frame) out.push(frame);
  if (r.approximate) out.push(style.dim("  (computed at run time: this is the closest place in the source)"));
  if (r.suggestion !== null) out.push(style.help(`  did you mean ${quote(r.suggestion)}?`));
  return out.join("\n");
}

/** Blocks separated by blank lines, ending in a newline. */
export function formatReports(reports: readonly LocatedReport[], style: Style = PLAIN): string {
  return reports.map((r) => `${formatReport(r, style)}\n`).join("\n");
}

/** `{ "errors": [...], "warnings": [...] }` with the fields of `Report`, indented by two spaces. */
export function reportsJson(errors: readonly Report[], warnings: readonly Report[]): string {
  const plain = (r: Report): Report => ({
    severity: r.severity,
    code: r.code,
    message: r.message,
    path: r.path,
    file: r.file,
    line: r.line,
    column: r.column,
    suggestion: r.suggestion,
  });
  return `${JSON.stringify({ errors: errors.map(plain), warnings: warnings.map(plain) }, null, 2)}\n`;
}
