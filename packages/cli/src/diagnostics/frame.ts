// A code frame: the offending line with a few lines around it, line numbers, and carets under
// the span. Lines are shown as the terminal will draw them: tabs as two spaces, control and bidi
// characters as "�" (a source line must not repaint the terminal), and very long lines cut to a
// window around the span.
import type { Style } from "./style.ts";

export interface FrameSpan {
  /** 1-based */
  readonly line: number;
  /** 1-based, in UTF-16 units; undefined marks the whole line without carets. */
  readonly column?: number;
  /** UTF-16 units on `line`; at least one caret is drawn. */
  readonly length?: number;
}

const CONTEXT = 2;
/** Widest source text shown per line, in characters. */
const WIDTH = 120;
const UNSAFE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu;

/** Splits source into lines the way editors number them. */
export function sourceLines(source: string): string[] {
  return source.split(/\r\n|\r|\n/);
}

function visible(text: string): string {
  return text.replace(/\t/g, "  ").replace(UNSAFE, "\uFFFD");
}

/** Character count as drawn (code points; tabs already two spaces). */
const width = (text: string): number => Array.from(text).length;

/** The slice of every framed line to show, so the span stays in view on long lines. */
function windowFor(line: string, column: number, length: number): { from: number; to: number } {
  if (width(line) <= WIDTH) return { from: 0, to: WIDTH };
  // Twenty characters before the span, unless the span itself needs the room.
  const from = Math.max(0, length > WIDTH - 20 ? column - 1 : column - 1 - 20);
  return { from, to: from + WIDTH };
}

/** Cuts `text` (UTF-16 slice bounds), marking cut ends with "…". */
function cut(text: string, from: number, to: number): string {
  const head = from > 0 ? "…" : "";
  const tail = text.length > to ? "…" : "";
  return head + visible(text.slice(from, to)) + tail;
}

/**
 * The frame for `span` in `lines`, each line starting with `indent`.
 *
 * ```
 *     40 |         sites: {
 *   > 41 |           "myapp.example.com": { app: "myap" },
 *        |                                       ^^^^^^
 *     42 |         },
 * ```
 */
export function codeFrame(lines: readonly string[], span: FrameSpan, style: Style, mark: (t: string) => string, indent = "  "): string {
  const target = lines[span.line - 1];
  if (target === undefined) return "";
  const first = Math.max(1, span.line - CONTEXT);
  const last = Math.min(lines.length, span.line + CONTEXT);
  const gutter = String(last).length;
  const column = Math.min(span.column ?? 1, target.length + 1);
  const length = Math.max(1, Math.min(span.length ?? 1, target.length - column + 1));
  const { from, to } = windowFor(target, column, length);
  const out: string[] = [];
  for (let n = first; n <= last; n++) {
    const text = cut(lines[n - 1] ?? "", from, to).trimEnd();
    const number = String(n).padStart(gutter);
    const arrow = n === span.line ? mark(">") : " ";
    out.push(`${indent}${arrow} ${style.dim(`${number} |`)}${text ? ` ${text}` : ""}`);
    if (n === span.line && span.column !== undefined) {
      const before = (from > 0 ? "…" : "") + visible(target.slice(from, column - 1));
      const carets = "^".repeat(Math.max(1, width(visible(target.slice(column - 1, Math.min(column - 1 + length, to))))));
      out.push(`${indent}  ${style.dim(`${" ".repeat(gutter)} |`)} ${" ".repeat(width(before))}${mark(carets)}`);
    }
  }
  return out.join("\n");
}
