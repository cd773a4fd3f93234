import type { Diagnostic } from "./model.ts";
import { quote } from "./quote.ts";

/**
 * Every problem found in a config, thrown once by `resolveInfra` so users fix them all in one go.
 * `message` is the formatted list, so an uncaught error still reads well.
 */
export class InfraConfigError extends Error {
  override readonly name = "InfraConfigError";
  readonly issues: Diagnostic[];

  constructor(issues: Diagnostic[]) {
    super(formatDiagnostics(issues));
    this.issues = issues;
  }

  /** zod-style listing: `✖ message\n  → at hosts.prod.apps.myapp.database`, one block per issue. */
  format(): string {
    return formatDiagnostics(this.issues);
  }
}

/** Formats diagnostics like zod's `prettifyError`; pass another mark (e.g. "⚠") for warnings. */
export function formatDiagnostics(diagnostics: readonly Diagnostic[], mark = "✖"): string {
  return diagnostics.map((d) => formatDiagnostic(d, mark)).join("\n");
}

function formatDiagnostic(d: Diagnostic, mark: string): string {
  const at = d.path.length ? `\n  → at ${formatPath(d.path)}` : "";
  const help = d.suggestion === undefined ? "" : `\n  did you mean ${quote(d.suggestion)}?`;
  return `${mark} ${d.message}${at}${help}`;
}

const BARE_KEY = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/**
 * `hosts.prod.caddy.sites["myapp.example.com"]`, `…readWritePaths[0]`: dotted where unambiguous;
 * keys longer than 80 characters are quoted and shortened (see `quote`).
 */
export function formatPath(path: readonly (string | number)[]): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else if (BARE_KEY.test(key) && key.length <= 80) out += out ? `.${key}` : key;
    else out += `[${quote(key)}]`;
  }
  return out;
}
