/** Which attribute names and identifiers Nix accepts bare. */

export const KEYWORDS: ReadonlySet<string> = new Set(["if", "then", "else", "assert", "with", "let", "in", "rec", "inherit", "or"]);

const BARE = /^[A-Za-z_][A-Za-z0-9_'-]*$/;

/** True when `name` can stand unquoted as an attribute name or identifier. */
export const isBareIdent = (name: string): boolean => BARE.test(name) && !KEYWORDS.has(name);
