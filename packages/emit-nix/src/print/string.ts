/** Strings and interpolations, laid out as nixfmt lays them out. */
import { type Doc, cat, compact, group, lineBreak, newline, nest, offset, sepBy, surround, text } from "./doc.ts";
import { escapeIndented, escapeSimple } from "./escape.ts";
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

type Escape = (s: string, beforeInterpolation: boolean) => string;

/**
 * Escapes the text parts of one line, telling the escaper which ones end right before an
 * interpolation.
 */
function escapeParts(parts: Part[], escape: Escape): (string | S)[] {
  return parts.map((p, i) => (typeof p === "string" ? escape(p, typeof parts[i + 1] === "object") : p));
}

function lineDoc(raw: Part[], escape: Escape): Doc {
  const parts = escapeParts(raw, escape);
  const [first, second] = parts;
  const doc = (p: string | S): Doc => (typeof p === "string" ? text(p) : interpolation(p));
  if (parts.length === 1 && first !== undefined && typeof first !== "string") return lonelyInterpolation(first);
  if (parts.length === 2 && typeof first === "string" && isSpaces(first) && typeof second === "object") {
    return cat(text(first), offset(first.length, lonelyInterpolation(second)));
  }
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
