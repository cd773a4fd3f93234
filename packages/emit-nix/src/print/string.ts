/** Strings and interpolations, laid out as nixfmt lays them out. */
import { type Doc, cat, compact, group, lineBreak, newline, nest, offset, sepBy, surround, text } from "./doc.ts";
import { type Escape, escapeIndented, escapeSimple } from "./escape.ts";
import type { Part, S } from "./syntax.ts";
import { isAbsorbable, isSimple } from "./absorb.ts";
import { delimited, pretty, prettyTerm } from "./expr.ts";

const isSpaces = (s: string): boolean => /^ *$/.test(s);

/** `${expr}` inside a string or an attribute path (`instance Pretty StringPart`). */
export function interpolation(e: S): Doc {
  if (isAbsorbable(e)) return group(cat(text("${"), prettyTerm(e), text("}")));
  // `Whole` wraps the expression in a group of its own.
  const inner = group(pretty(e));
  // Simple expressions (mostly identifiers and selections) stay on one line whatever the width.
  if (isSimple(e)) return cat(text("${"), compact(inner) ?? inner, text("}"));
  // Short interpolations are forced onto one line too; longer ones may break inside `${ }`.
  return group(cat(text("${"), compact(inner, 30) ?? surround(lineBreak, nest(inner)), text("}")));
}

/** An interpolation that is alone on its line (after indentation) absorbs its content. */
function lonelyInterpolation(e: S): Doc {
  return group(cat(text("${"), nest(delimited(e)), text("}")));
}

/**
 * The interpolation of a line that holds nothing else (after spaces): it has a layout of its own
 * (`lonelyInterpolation`), not the one-line layout of an interpolation among text.
 */
export function loneInterpolation<T extends object>(parts: readonly (string | T)[]): T | null {
  const last = parts[parts.length - 1];
  if (typeof last !== "object") return null;
  if (parts.length === 1) return last;
  const first = parts[0];
  return parts.length === 2 && typeof first === "string" && isSpaces(first) ? last : null;
}

/**
 * Escapes the text parts of one line, telling the escaper which ones end right before an
 * interpolation.
 */
function escapeParts(parts: Part[], escape: Escape): (string | S)[] {
  return parts.map((p, i) => (typeof p === "string" ? escape(p, typeof parts[i + 1] === "object") : p));
}

function lineDoc(raw: Part[], escape: Escape): Doc {
  const parts = escapeParts(raw, escape);
  const first = parts[0];
  const lone = loneInterpolation(parts);
  if (lone !== null) {
    const inner = lonelyInterpolation(lone);
    return typeof first === "string" ? cat(text(first), offset(first.length, inner)) : inner;
  }
  const doc = (p: string | S): Doc => (typeof p === "string" ? text(p) : interpolation(p));
  if (typeof first === "string") {
    const indentation = /^\s*/.exec(first)![0].length;
    return cat(text(first), offset(indentation, cat(...parts.slice(1).map(doc))));
  }
  return cat(...parts.map(doc));
}

export function prettySimpleString(parts: Part[]): Doc {
  return group(cat(text('"'), lineDoc(parts, escapeSimple), text('"')));
}

export function prettyIndentedString(lines: Part[][]): Doc {
  return group(
    cat(
      text("''"),
      lines.length >= 2 ? lineBreak : [],
      nest(sepBy(newline, lines.map((l) => lineDoc(l, escapeIndented)))),
      text("''"),
    ),
  );
}
