/** Which attribute names and identifiers Nix accepts bare. */

export const KEYWORDS: ReadonlySet<string> = new Set(["if", "then", "else", "assert", "with", "let", "in", "rec", "inherit", "or"]);

/** Per ASCII code: 1 where a name may start (`[A-Za-z_]`), 2 where it may go on (`[A-Za-z0-9_'-]`). */
const CLASS = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  if (/[A-Za-z_]/.test(ch)) CLASS[c] = 3;
  else if (/[0-9'-]/.test(ch)) CLASS[c] = 2;
}

/**
 * True when `name` can stand unquoted as an attribute name or identifier:
 * `/^[A-Za-z_][A-Za-z0-9_'-]*$/` and not a keyword. (A table rather than a regular expression:
 * the printer asks this for every attribute name it writes.)
 */
export function isBareIdent(name: string): boolean {
  const n = name.length;
  if (n === 0 || (CLASS[name.charCodeAt(0)]! & 1) === 0) return false;
  for (let i = 1; i < n; i++) if ((CLASS[name.charCodeAt(i)]! & 2) === 0) return false;
  return n > 7 || !KEYWORDS.has(name);
}
