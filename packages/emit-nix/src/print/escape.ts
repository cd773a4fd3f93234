/**
 * Escaping for Nix string literals. Only what Nix requires is escaped, so that the printed
 * text reads like hand-written Nix and evaluates back to the exact input.
 */

/** An escaper, told whether the text ends right before an interpolation. */
export type Escape = (s: string, beforeInterpolation: boolean) => string;

/**
 * Text inside `"..."`: backslash, quote, `${`, and the control characters Nix can spell. A `$`
 * right before an interpolation is escaped too: Nix reads `$${` as a literal `$${`.
 */
const SPECIAL = /[\\"\n\r\t$]/;

export function escapeSimple(s: string, beforeInterpolation = false): string {
  // Looking for a character to escape is faster than matching the whole string against its absence.
  if (!SPECIAL.test(s)) return s;
  const out = s.replace(/[\\"\n\r\t]|\$\{/g, (m) => SIMPLE[m] ?? m);
  return beforeInterpolation && out.endsWith("$") ? `${out.slice(0, -1)}\\$` : out;
}
const SIMPLE: Record<string, string> = { "\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "${": "\\${" };

/**
 * Text inside `''...''`: `''` becomes `'''`, `${` becomes `''${`, a `$` before an interpolation
 * `''$`. A lone `'` right before one of those escapes would fuse with it (`'''`), so it is
 * written as the escaped quote `''\'`.
 */
export function escapeIndented(s: string, beforeInterpolation = false): string {
  // Most lines hold neither a quote nor a dollar sign: nothing to escape.
  if (s.indexOf("'") < 0 && s.indexOf("$") < 0) return s;
  const dollarEscapeAt = (i: number): boolean => s.startsWith("${", i) || (beforeInterpolation && i === s.length - 1 && s[i] === "$");
  let out = "";
  for (let i = 0; i < s.length; ) {
    if (s[i] === "'") {
      let j = i;
      while (s[j] === "'") j++;
      out += "'''".repeat((j - i) >> 1);
      if ((j - i) % 2 === 1) out += dollarEscapeAt(j) ? "''\\'" : "'";
      i = j;
    } else if (dollarEscapeAt(i)) {
      out += "''$";
      i += 1;
    } else {
      out += s[i];
      i += 1;
    }
  }
  return out;
}

/**
 * Whether text can be written as an indented string and read back unchanged: it must end in
 * a newline (so the closing `''` stands alone), and Nix's indentation stripping and nixfmt's
 * re-indenting must not touch it — no tabs or carriage returns, no trailing spaces, and at
 * least one line that starts at column 0.
 */
export function fitsIndented(text: string): boolean {
  const n = text.length;
  if (n < 2 || text.charCodeAt(n - 1) !== 10 || text.includes("\r") || text.includes("\t")) return false;
  let columnZero = false;
  // Line by line; the text ends in a newline, so every line has one.
  for (let start = 0; start < n; ) {
    const end = text.indexOf("\n", start);
    if (end > start) {
      if (WHITESPACE.test(text[end - 1]!)) return false;
      if (text.charCodeAt(start) !== 32) columnZero = true;
    }
    start = end + 1;
  }
  return columnZero;
}
const WHITESPACE = /\s/;
