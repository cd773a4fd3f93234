/**
 * Direct layout of bindings that stand on lines of their own: in an expanded set (two
 * bindings or more, or a "wide" set) and in a `let`. Such a binding starts a line and is
 * followed by a line break, and nixfmt measures width without indentation, so its layout does
 * not depend on where it stands. Where nixfmt's choice is fixed — a plain value that fits, a
 * non-empty set or a list of two items or more after a short key — the lines are written out
 * here; anything else is laid out on its own by the doc engine. Both give the same bytes
 * (checked against nixfmt by scripts/nixfmt-fuzz.ts); this is only much less work.
 */
import { type Doc, group, text, textWidth } from "./doc.ts";
import { escapeIndented, escapeSimple } from "./escape.ts";
import { layout } from "./layout.ts";
import { prettyBinding } from "./binding.ts";
import { pretty } from "./expr.ts";
import type { Item, Part, S, SBinding, Sel } from "./syntax.ts";

const WIDTH = 100;

/** The binding as one text, or a block of lines laid out at indentation 0. */
export function ownLineBinding(b: SBinding): Doc {
  const lines = bindingLines(b);
  return lines.length === 1 ? text(lines[0]!) : { t: "block", nest: 0, off: 0, lines };
}

function bindingLines(b: SBinding): string[] {
  const key = b.k === "assign" ? keyText(b.path) : null;
  if (b.k === "assign" && key !== null) {
    // After up to four plain names nixfmt never breaks before the value; after a longer or
    // quoted path it would when the value's first line does not fit behind it.
    const short = isShortKey(b.path);
    const fitsHead = (head: string): boolean => short || textWidth(head) <= WIDTH;
    const v = b.value;
    const value = flatTerm(v);
    if (value !== null) {
      const line = `${key} = ${value};`;
      if (textWidth(line) <= WIDTH || (short && (v.k === "str" || v.k === "path"))) return [line];
    }
    // A set holding a single `inherit` is the one set value nixfmt does not force open.
    const lone = v.k === "set" && v.items.length === 1 && v.items[0]!.k === "item" && v.items[0]!.value.k === "inherit";
    if (v.k === "set" && v.items.length > 0 && !lone && !hasPre(v) && fitsHead(`${key} = ${v.rec ? "rec " : ""}{`)) {
      const inner = itemLines(v.items, (x) => bindingLines(x));
      if (inner !== null) return [`${key} = ${v.rec ? "rec " : ""}{`, ...indent(inner), "};"];
    }
    if (v.k === "list" && v.items.length >= 1 && !hasPre(v) && fitsHead(`${key} = [`)) {
      const inner = itemLines(v.items, listItemLines);
      // One item stays inside `[ ]` when it fits; otherwise, or with more items, one per line.
      const one = inner?.length === 1 ? `${key} = [ ${inner[0]} ];` : null;
      if (one !== null && v.items.length === 1 && textWidth(one) <= WIDTH) return [one];
      if (inner !== null) return [`${key} = [`, ...indent(inner), "];"];
    }
    if (v.k === "istr" && v.lines.length >= 2 && !hasPre(v) && fitsHead(`${key} = ''`)) {
      const lines = v.lines.map(indentedLine);
      const lastFits = short || textWidth(lines[lines.length - 1] ?? "") + 3 <= WIDTH;
      if (lastFits && lines.every((l): l is string => l !== null)) {
        // The closing `''` follows the last line: on a line of its own when that line is empty.
        // (After a long key, nixfmt must also fit that last line's `'';`, or it breaks at `=`.)
        const last = lines.pop()!;
        return last === "" ? [`${key} = ''`, ...indent(lines), "'';"] : [`${key} = ''`, ...indent([...lines, `${last}'';`])];
      }
    }
  }
  return laidOut(prettyBinding(b));
}

function listItemLines(item: S): string[] {
  const flat = flatTerm(item);
  if (flat !== null) return [flat];
  // A set of two bindings or more inside a list is always open, one binding per line.
  if (item.k === "set" && item.items.length >= 2 && !hasPre(item)) {
    const inner = itemLines(item.items, (x) => bindingLines(x));
    if (inner !== null) return [`${item.rec ? "rec " : ""}{`, ...indent(inner), "}"];
  }
  return laidOut(pretty(item));
}

/**
 * Items one after another, each preceded by its comments and blank line. A comment before
 * the first item moves the opening bracket's line in nixfmt's view, so that case is left
 * to the doc engine (null).
 */
function itemLines<T>(items: Item<T>[], lines: (x: T) => string[]): string[] | null {
  if (items[0]?.k === "comments") return null;
  const out: string[] = [];
  for (const item of items) {
    if (item.k === "item") {
      out.push(...lines(item.value));
      continue;
    }
    for (const t of item.trivia) out.push(t.k === "empty" ? "" : `#${t.text}`);
  }
  return out.filter((l, i) => !(l === "" && out[i - 1] === ""));
}

function laidOut(doc: Doc): string[] {
  return layout(group(doc)).slice(0, -1).split("\n");
}

const indent = (lines: string[]): string[] => lines.map((l) => (l === "" ? l : `  ${l}`));
const hasPre = (t: S): boolean => "pre" in t && t.pre !== undefined && t.pre.length > 0;

/** Up to four plain names: nixfmt then keeps `key = ` on the first line whatever follows. */
const isShortKey = (path: Sel[]): boolean => path.length <= 4 && path.every((s) => s.k === "id");
function keyText(path: Sel[]): string | null {
  const sels = path.map(selectorText);
  return sels.every((x) => x !== null) ? sels.join(".") : null;
}

/**
 * A string part list whose interpolations are plain names, which nixfmt keeps on one line.
 * An interpolation alone on its line (after spaces) has a layout of its own: not handled here.
 */
function flatParts(parts: Part[], escape: (s: string, beforeInterpolation: boolean) => string): string | null {
  const lone = parts.length === 1 || (parts.length === 2 && typeof parts[0] === "string" && /^ *$/.test(parts[0]));
  if (lone && typeof parts[parts.length - 1] !== "string") return null;
  let out = "";
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i]!;
    if (typeof p === "string") out += escape(p, typeof parts[i + 1] === "object");
    else {
      const name = plainName(p);
      if (name === null) return null;
      out += `\${${name}}`;
    }
  }
  return out;
}

function indentedLine(parts: Part[]): string | null {
  return parts.length === 0 ? "" : flatParts(parts, escapeIndented);
}

/** `x` or `x.y.z`: what nixfmt always prints as one token. */
function plainName(t: S): string | null {
  if (hasPre(t)) return null;
  if (t.k === "tok") return t.tok === "ident" ? t.text : null;
  if (t.k !== "sel" || t.def !== undefined || t.t.k !== "tok" || t.t.tok !== "ident" || hasPre(t.t)) return null;
  return t.sels.every((s) => s.k === "id") ? [t.t.text, ...t.sels.map((s) => (s.k === "id" ? s.name : ""))].join(".") : null;
}

function selectorText(s: Sel): string | null {
  if (s.k === "id") return s.name;
  if (s.k === "str") return `"${escapeSimple(s.text)}"`;
  const name = plainName(s.e);
  return name === null ? null : `\${${name}}`;
}

/** Identifiers, numbers, simple strings, paths, dotted names, empty sets and lists: one token. */
function flatTerm(t: S): string | null {
  if (hasPre(t)) return null;
  switch (t.k) {
    case "tok":
      return t.tok === "keyword" ? null : t.text;
    case "str": {
      const body = t.parts.length === 0 ? "" : flatParts(t.parts, escapeSimple);
      return body === null ? null : `"${body}"`;
    }
    case "path":
      return t.parts.every((p) => typeof p === "string") ? t.parts.join("") : null;
    case "set":
      return t.items.length === 0 && !t.rec ? "{ }" : null;
    case "list":
      return t.items.length === 0 ? "[ ]" : null;
    case "sel": {
      if (t.def !== undefined || t.t.k !== "tok" || t.t.tok !== "ident" || hasPre(t.t)) return null;
      const sels = t.sels.map(selectorText);
      return sels.every((x) => x !== null) ? [t.t.text, ...sels].join(".") : null;
    }
    default:
      return null;
  }
}
