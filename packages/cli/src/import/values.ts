// Compose's string conventions: `$VAR`/`${VAR}` interpolation with `$$` for a literal dollar, and
// commands given as one string split like a shell would.

/** Variables a compose string interpolates (`${VAR}`, `${VAR:-default}`, `$VAR`); `$$` is not one. */
export function interpolatedVariables(text: string): string[] {
  const names: string[] = [];
  for (const match of text.matchAll(/\$(\$|\{([^}]*)\}?|[A-Za-z_][A-Za-z0-9_]*)/g)) {
    const [whole, , braced] = match;
    if (whole === "$$") continue;
    names.push(braced === undefined ? whole.slice(1) : (/^[A-Za-z_][A-Za-z0-9_]*/.exec(braced)?.[0] ?? braced));
  }
  return names;
}

/** `$$` is compose's escape for one `$`. */
export const unescapeDollars = (text: string): string => text.replaceAll("$$", "$");

/** Splits a command as compose does (shell words: quotes and backslashes, no expansion). */
export function shellWords(text: string): string[] {
  const words: string[] = [];
  let word: string | undefined;
  let quote: "'" | '"' | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text.charAt(i);
    if (quote === "'") {
      if (c === "'") quote = undefined;
      else word += c;
    } else if (c === "\\" && i + 1 < text.length && (quote === undefined || /["\\$`]/.test(text.charAt(i + 1)))) {
      word = (word ?? "") + text.charAt(++i);
    } else if (quote === '"') {
      if (c === '"') quote = undefined;
      else word += c;
    } else if (c === "'" || c === '"') {
      quote = c;
      word ??= "";
    } else if (/\s/.test(c)) {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else {
      word = (word ?? "") + c;
    }
  }
  if (word !== undefined) words.push(word);
  return words;
}

/** A scalar as compose reads it into a string field: numbers and booleans keep their YAML text. */
export function scalarText(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return undefined;
}
