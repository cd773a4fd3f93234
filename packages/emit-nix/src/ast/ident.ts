/** Which attribute names and identifiers Nix accepts bare. */

export const KEYWORDS: ReadonlySet<string> = new Set(["if", "then", "else", "assert", "with", "let", "in", "rec", "inherit", "or"]);

/** `[A-Za-z_]` */
const isStart = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
/** `[A-Za-z0-9_'-]` */
const isPart = (c: number): boolean => isStart(c) || (c >= 48 && c <= 57) || c === 39 || c === 45;

/**
 * True when `name` can stand unquoted as an attribute name or identifier:
 * `/^[A-Za-z_][A-Za-z0-9_'-]*$/` and not a keyword. (A loop rather than a regular expression:
 * the printer asks this for every attribute name it writes.)
 */
export function isBareIdent(name: string): boolean {
  if (name.length === 0 || !isStart(name.charCodeAt(0))) return false;
  for (let i = 1; i < name.length; i++) if (!isPart(name.charCodeAt(i))) return false;
  return name.length > 7 || !KEYWORDS.has(name);
}
