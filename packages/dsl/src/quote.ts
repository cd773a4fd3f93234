// User values inside messages. A name or domain can be anything a config computes: megabytes
// long, or holding terminal escapes and bidi controls. Messages show them quoted, escaped and
// shortened, so an error can neither flood nor repaint the user's terminal.

/** Characters that must not reach a terminal raw: controls, format (bidi) and line separators. */
const UNSAFE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu;

/** Longest value shown whole, in characters. */
const MAX_SHOWN = 80;

function escapeChar(char: string): string {
  const short: Record<string, string> = { "\n": "\\n", "\r": "\\r", "\t": "\\t" };
  return short[char] ?? `\\u{${char.codePointAt(0)!.toString(16)}}`;
}

/** `text` with every unsafe character written as an escape (`\n`, `\u{1b}`). */
export function escapeUnsafe(text: string): string {
  return text.replace(UNSAFE, escapeChar);
}

/**
 * `"value"` for messages: double-quoted, `"` and `\` escaped, unsafe characters escaped, and
 * cut to its first 60 characters with the full length named when it is longer than 80.
 *
 * ```ts
 * quote("web");              // "\"web\""
 * quote("a\u001b[2Jb");      // "\"a\\u{1b}[2Jb\""
 * ```
 */
export function quote(value: string): string {
  const chars = Array.from(value);
  const shown = chars.length > MAX_SHOWN ? `${chars.slice(0, 60).join("")}…` : value;
  const body = escapeUnsafe(shown.replace(/[\\"]/g, (c) => `\\${c}`));
  return chars.length > MAX_SHOWN ? `"${body}" (${chars.length} characters)` : `"${body}"`;
}
