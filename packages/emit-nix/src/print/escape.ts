/**
 * Escaping for Nix string literals. Only what Nix requires is escaped, so that the printed
 * text reads like hand-written Nix and evaluates back to the exact input.
 */

/** Text inside `"..."`: backslash, quote, `${`, and the control characters Nix can spell. */
export function escapeSimple(s: string): string {
  return s.replace(/[\\"\n\r\t]|\$\{/g, (m) => SIMPLE[m] ?? m);
}
const SIMPLE: Record<string, string> = { "\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "${": "\\${" };

/** Text inside `''...''`: `''` becomes `'''` and `${` becomes `''${`. */
export function escapeIndented(s: string): string {
  return s.replace(/''|\$\{/g, (m) => (m === "''" ? "'''" : "''${"));
}

/**
 * Whether text can be written as an indented string and read back unchanged: it must end in
 * a newline (so the closing `''` stands alone), and Nix's indentation stripping and nixfmt's
 * re-indenting must not touch it — no tabs or carriage returns, no trailing spaces, and at
 * least one line that starts at column 0.
 */
export function fitsIndented(text: string): boolean {
  if (!text.endsWith("\n") || text.length < 2 || /[\r\t]/.test(text)) return false;
  const lines = text.slice(0, -1).split("\n");
  if (lines.some((l) => /\s$/.test(l))) return false;
  return lines.some((l) => l !== "" && !l.startsWith(" "));
}
