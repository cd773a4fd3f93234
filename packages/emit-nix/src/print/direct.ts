/**
 * Direct layout of bindings that stand on lines of their own: in an expanded set (two
 * bindings or more, or a "wide" set) and in a `let`. Such a binding starts a line and is
 * followed by a line break, and nixfmt measures width without indentation, so its layout does
 * not depend on where it stands. Where nixfmt's choice is fixed — a plain value that fits, a
 * non-empty set or a list after a short key, a multi-line indented string — the lines are
 * written out here, straight from the AST; anything else is laid out on its own by the doc
 * engine. Both give the same bytes (the printer tests compare them on random ASTs, and
 * scripts/nixfmt-fuzz.ts compares with nixfmt); this is only much less work.
 *
 * AST values carry no comments before their first token (only a file's body and a lambda's
 * body do, and those are not bindings), so nixfmt's "pre-trivia" cases never arise here.
 */
import type { Apply, AttrKey, Binding, Expr, Formals, Lambda, Select, Str, Trivia } from "../ast/nodes.ts";
import { isBareIdent } from "../ast/ident.ts";
import { type Assign as AssignNode, SEEN, type TextMemo } from "../ast/objects.ts";
import { type Doc, group, text, textWidth } from "./doc.ts";
import { type Escape, escapeIndented, escapeSimple } from "./escape.ts";
import { loneInterpolation } from "./string.ts";
import { WIDTH, layout } from "./layout.ts";
import { prettyBinding } from "./binding.ts";
import { pretty } from "./expr.ts";
import { binding as bindingSyntax, commentText, hasTrivia, indentedLines, itemSyntax, numberText } from "./syntax.ts";

let enabled = true;

/** Runs `fn` with direct layout off, so that everything goes through the doc engine (for tests). */
export function withEngineOnly<T>(fn: () => T): T {
  const was = enabled;
  enabled = false;
  try {
    return fn();
  } finally {
    enabled = was;
  }
}

/** Whether direct layout is on (see `withEngineOnly`). */
export const directLayout = (): boolean => enabled;

/**
 * Output is appended to `out.s` piece by piece (`out.s = out.s + ind + key + …`). V8 keeps such
 * a string as a chain of its pieces, which `flatString` copies into one string at the end: less
 * work than collecting the pieces in an array and joining them. A string never changes, so
 * keeping `out.s` and putting it back undoes what was written since.
 */
export interface Out {
  s: string;
}

/**
 * `s` as one flat string: V8 copies a chain of concatenations into one string now, while it is
 * young. Kept as a chain, every piece would be copied by the garbage collector instead, and would
 * take about six times the memory of the text. Converting to a number flattens the string on
 * Node 20, 22 and 24, in optimised code too; reading a character, which did on Node 20, no longer
 * does in V8 12's optimised code (Node 22 on). The result goes to `flattened` so that the call is
 * not dropped as dead code.
 */
export function flatString(s: string): string {
  flattened = Number(s);
  return s;
}
let flattened = 0;

type Path = readonly AttrKey[];

/** The binding as one text, or a block of lines laid out at indentation 0. */
export function ownLineBinding(b: Binding): Doc {
  const out: Out = { s: "" };
  bindingLines(b, "", out);
  const lines = out.s.slice(0, -1).split("\n");
  return lines.length === 1 ? text(lines[0]!) : { t: "block", nest: 0, off: 0, lines };
}

/**
 * The lines of a binding, each indented by `ind`. A binding met a second time is one that
 * emitters share between files (a constant such as `ProtectHome = true;`): its lines are kept
 * as one text and reused at the same indentation.
 */
function bindingLines(b: Binding, ind: string, out: Out): void {
  if (b.kind !== "Assign") return laidOut(prettyBinding(bindingSyntax(b)), ind, out);
  const a = b as AssignNode;
  const memo = a.memo;
  if (memo === undefined) {
    a.memo = SEEN;
    return assignBindingLines(a, ind, out);
  }
  if (memo !== SEEN) {
    if (memo.ind === ind) out.s += memo.text;
    else assignBindingLines(a, ind, out);
    return;
  }
  const own: Out = { s: "" };
  assignBindingLines(a, ind, own);
  const text = flatString(own.s);
  out.s += text;
  a.memo = { ind, text, run: undefined };
}

function assignBindingLines(b: AssignNode, ind: string, out: Out): void {
  const key = keyText(b.path);
  if (key !== null && assignLines(key, b.path, b.value, ind, out)) return;
  laidOut(prettyBinding(bindingSyntax(b)), ind, out);
}

/** Comments and the blank line before an item, as lines. */
export function triviaLines(t: Trivia, ind: string, out: Out): void {
  if (t.blankBefore) out.s += "\n";
  if (t.comments) for (const c of t.comments) out.s = out.s + ind + "#" + commentText(c) + "\n";
}

/** Whether `text` holds more than `n` lines (counting stops there). */
export function moreLinesThan(text: string, n: number): boolean {
  let count = 0;
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) if (++count > n) return true;
  return false;
}

/** Indentation one level deeper than `ind` (the strings are shared). */
function deeper(ind: string): string {
  const level = (ind.length >> 1) + 1;
  while (INDENTS.length <= level) INDENTS.push(`${INDENTS[INDENTS.length - 1]!}  `);
  return INDENTS[level]!;
}
const INDENTS = [""];

/**
 * Whether texts `a` and `b` plus `extra` columns fit in the width. Code points never outnumber
 * UTF-16 units, so short texts fit without being scanned for surrogate pairs.
 */
const fits = (a: string, b: string, extra: number): boolean =>
  a.length + b.length + extra <= WIDTH || textWidth(a) + textWidth(b) + extra <= WIDTH;

/**
 * `key = value;` where nixfmt's layout is fixed; false (nothing written) otherwise. After up to
 * four plain names nixfmt never breaks before the value; after a longer or quoted path it would
 * when the value's first line does not fit behind it.
 */
function assignLines(key: string, path: Path, v: Expr, ind: string, out: Out): boolean {
  // The kind is read once: values come in many node classes, which makes each read slow.
  const { kind } = v;
  const text = kind === "Str" ? plainText(v) : null;
  if (text !== null) {
    // `key = "text";` with the quotes in the pieces around the text, which then needs no string of its own.
    if (!fits(key, text, 6) && !isShortPath(path)) return false;
    out.s = out.s + ind + key + ' = "' + text + '";\n';
    return true;
  }
  let value: string | null;
  if (kind === "IndentedStr") {
    const lines = indentedLines(v.parts);
    if (lines !== null) return indentedStringLines(key, "", path, lines, ind, out);
    value = quoted(v.parts);
  } else value = flatTerm(v);
  // nixfmt puts a string or a path right after `=` whatever its width (an `IndentedStr` here prints as `"…"`).
  const stringOrPath = kind === "Str" || kind === "IndentedStr" || kind === "Path";
  if (value !== null && (fits(key, value, 4) || (stringOrPath && isShortPath(path)))) {
    out.s = out.s + ind + key + " = " + value + ";\n";
    return true;
  }
  // A set holding a single `inherit` is the one set value nixfmt does not force open.
  if (kind === "AttrSet" && !(v.bindings.length === 1 && v.bindings[0]!.kind === "Inherit")) {
    return setLines(key, "", path, v.rec, v.bindings, ind, out);
  }
  if (kind === "List") {
    const items = v.items;
    if (items.length === 0 || hasTrivia(items[0]!) || (!fits(key, "", 4) && !isShortPath(path))) return false;
    const inner = deeper(ind);
    if (items.length === 1) {
      // One item stays inside `[ ]` when it fits on the line; otherwise it gets lines of its own.
      const one: Out = { s: "" };
      listItemLines(items[0]!.value, "", one);
      const line = moreLinesThan(one.s, 1) ? null : one.s.slice(0, -1);
      if (line !== null && fits(key, line, 8)) {
        out.s = out.s + ind + key + " = [ " + line + " ];\n";
        return true;
      }
      out.s = out.s + ind + key + " = [\n";
      indented(one.s, inner, out);
    } else {
      out.s = out.s + ind + key + " = [\n";
      for (const item of items) {
        triviaLines(item, inner, out);
        listItemLines(item.value, inner, out);
      }
    }
    out.s = out.s + ind + "];\n";
    return true;
  }
  if (kind === "Apply" && isShortPath(path)) return applyLines(key, v, ind, out);
  if (kind === "Lambda" && isShortPath(path)) return lambdaLines(key, v, ind, out);
  return false;
}

/**
 * `key =`, then one level in `{ a, b, ... }@args:` and the body set: a function whose parameter
 * set nixfmt does not absorb after the `=` (it has an `@` name, or more than two formals) and
 * whose body is a non-empty set.
 */
function lambdaLines(key: string, v: Lambda, ind: string, out: Out): boolean {
  const p = v.param;
  const body = v.body;
  if (p.kind !== "Formals" || (p.bind === undefined && p.formals.length <= 2)) return false;
  if ((v.bodyTrivia !== undefined && hasTrivia(v.bodyTrivia)) || body.kind !== "AttrSet") return false;
  if (body.bindings.length === 0 || hasTrivia(body.bindings[0]!)) return false;
  const mark = out.s;
  const inner = deeper(ind);
  out.s = out.s + ind + key + " =\n";
  if (!formalsLines(p, inner, out)) {
    out.s = mark;
    return false;
  }
  out.s = out.s + inner + (body.rec ? "rec {\n" : "{\n");
  bindingsLines(body.bindings, deeper(inner), out);
  out.s = out.s + inner + "};\n";
  return true;
}

/**
 * A lambda's parameter set and its colon, formals without defaults: on one line when there are
 * at most two and the line fits, otherwise one formal per line, each with its comma.
 */
export function formalsLines(p: Formals, ind: string, out: Out): boolean {
  // The names between `{ ` and ` }`, comma-separated.
  let names = "";
  for (const f of p.formals) {
    if (f.default !== undefined) return false;
    names = names === "" ? f.name : names + ", " + f.name;
  }
  if (p.ellipsis) names = names === "" ? "..." : names + ", ...";
  const before = p.bind?.position === "before" ? `${p.bind.name}@` : "";
  const after = p.bind?.position === "after" ? `@${p.bind.name}` : "";
  const flat = names === "" ? "{ }" : "{ " + names + " }";
  // `{ }` has no line to break.
  if (names === "" || (p.formals.length <= 2 && fits(before + flat, after, 1))) {
    out.s = out.s + ind + before + flat + after + ":\n";
    return true;
  }
  out.s = out.s + ind + before + "{\n";
  const inner = deeper(ind);
  for (const f of p.formals) out.s = out.s + inner + f.name + ",\n";
  if (p.ellipsis) out.s = out.s + inner + "...\n";
  out.s = out.s + ind + "}" + after + ":\n";
  return true;
}

/**
 * `key = f { … };` or `key = f '' … '';`: a function named by a plain name, applied to one
 * set of two bindings or more, or to a multi-line indented string. nixfmt absorbs that argument
 * (it starts on the key's line and ends on a line of its own) when `key = f {` fits; after a
 * short key nothing else can move.
 */
function applyLines(key: string, v: Apply, ind: string, out: Out): boolean {
  const f = v.args.length === 1 ? plainName(v.fn) : null;
  if (f === null) return false;
  const a = v.args[0]!;
  if (a.kind === "AttrSet" && a.bindings.length >= 2) return setLines(key, f, null, a.rec, a.bindings, ind, out);
  const lines = a.kind === "IndentedStr" ? indentedLines(a.parts) : null;
  if (lines !== null) return indentedStringLines(key, f, null, lines, ind, out);
  return false;
}

/** `key = ` or, with a function `f`, `key = f `: what stands before an opening bracket. */
function writeHead(key: string, f: string, ind: string, out: Out): void {
  if (f === "") out.s = out.s + ind + key + " = ";
  else out.s = out.s + ind + key + " = " + f + " ";
}

/**
 * `key = {` (or `key = f rec {`…), the bindings one level in, `};`. A comment before the first
 * binding moves the `{` in nixfmt's view: left to the engine. Unless the key is short, the first line
 * must fit.
 */
function setLines(key: string, f: string, path: Path | null, rec: boolean, bs: readonly Binding[], ind: string, out: Out): boolean {
  if (bs.length === 0 || hasTrivia(bs[0]!)) return false;
  if (!fits(key, f, (f === "" ? 4 : 5) + (rec ? 4 : 0)) && !isShortPath(path)) return false;
  writeHead(key, f, ind, out);
  out.s += rec ? "rec {\n" : "{\n";
  bindingsLines(bs, deeper(ind), out);
  out.s = out.s + ind + "};\n";
  return true;
}

/**
 * `key = ''` (or `key = f ''`), the string's lines one level in, `'';`, for the lines of a
 * multi-line `''` string (see `indentedLines`) whose interpolations are plain names. Unless
 * the key is short, the first line must fit, and (when the string follows `=` directly) so must the last
 * line with its `'';`, or nixfmt breaks at the `=`.
 */
function indentedStringLines(key: string, f: string, path: Path | null, lines: (string | Expr)[][], ind: string, out: Out): boolean {
  if (lines.length < 2 || (!fits(key, f, f === "" ? 5 : 6) && !isShortPath(path))) return false;
  const texts: string[] = [];
  for (const l of lines) {
    const t = l.length === 0 ? "" : flatParts(l, escapeIndented);
    if (t === null) return false;
    texts.push(t);
  }
  // The closing `''` follows the last line: on a line of its own when that line is empty.
  const last = texts.pop()!;
  if (f === "" && !fits(last, "", 3) && !isShortPath(path)) return false;
  writeHead(key, f, ind, out);
  out.s += "''\n";
  const inner = deeper(ind);
  for (const t of texts) {
    if (t === "") out.s += "\n";
    else out.s = out.s + inner + t + "\n";
  }
  if (last === "") out.s = out.s + ind + "'';\n";
  else out.s = out.s + inner + last + "'';\n";
  return true;
}

/** Bindings one after another, each preceded by its comments and blank line. */
export function bindingsLines(bs: readonly Binding[], ind: string, out: Out): void {
  for (let i = 0; i < bs.length; i++) {
    const b = bs[i]!;
    const memo = textAt(b, ind);
    if (memo !== null && i + 1 < bs.length) {
      const written = runLines(memo, bs, i, ind, out);
      if (written > 0) {
        i += written;
        continue;
      }
    }
    triviaLines(b, ind, out);
    bindingLines(b, ind, out);
  }
}

/** The memo of a binding whose lines at `ind` the printer keeps. */
function textAt(b: Binding, ind: string): TextMemo | null {
  if (b.kind !== "Assign") return null;
  const memo = (b as AssignNode).memo;
  return typeof memo === "object" && memo.ind === ind ? memo : null;
}

/**
 * `bs[i]` and the bindings after it whose lines the printer keeps, as one text: the run kept
 * on `bs[i]` while the same bindings follow it, else a new run. Returns how many bindings after
 * `bs[i]` it wrote (0: none, and nothing written).
 */
function runLines(memo: TextMemo, bs: readonly Binding[], i: number, ind: string, out: Out): number {
  const run = memo.run;
  if (run !== undefined && i + run.next.length < bs.length) {
    let same = true;
    for (let k = 0; same && k < run.next.length; k++) same = bs[i + 1 + k] === run.next[k];
    if (same) {
      out.s += run.text;
      return run.next.length;
    }
  }
  let end = i + 1;
  while (end < bs.length && textAt(bs[end]!, ind) !== null) end++;
  if (end === i + 1) return 0;
  const own: Out = { s: "" };
  for (let k = i; k < end; k++) {
    triviaLines(bs[k]!, ind, own);
    own.s += textAt(bs[k]!, ind)!.text;
  }
  const text = flatString(own.s);
  memo.run = { next: bs.slice(i + 1, end), text };
  out.s += text;
  return end - i - 1;
}

function listItemLines(e: Expr, ind: string, out: Out): void {
  const { kind } = e;
  const text = kind === "Str" ? plainText(e) : null;
  if (text !== null) {
    out.s = out.s + ind + '"' + text + '"\n';
    return;
  }
  const flat = flatTerm(e);
  if (flat !== null) {
    out.s = out.s + ind + flat + "\n";
    return;
  }
  // A set of two bindings or more inside a list is always open, one binding per line.
  if (kind === "AttrSet" && e.bindings.length >= 2 && !hasTrivia(e.bindings[0]!)) {
    out.s = out.s + ind + (e.rec ? "rec {\n" : "{\n");
    bindingsLines(e.bindings, deeper(ind), out);
    out.s = out.s + ind + "}\n";
    return;
  }
  laidOut(pretty(itemSyntax(e)), ind, out);
}

/** A doc laid out on its own at indentation 0, its lines appended with `ind` before them. */
function laidOut(doc: Doc, ind: string, out: Out): void {
  indented(layout(group(doc)), ind, out);
}

/** Lines laid out at indentation 0 (each ending in `\n`), appended with `ind` before them. */
function indented(s: string, ind: string, out: Out): void {
  for (let i = 0; i < s.length; ) {
    const j = s.indexOf("\n", i) + 1;
    if (j === i + 1) out.s += "\n";
    else out.s = out.s + ind + s.slice(i, j);
    i = j;
  }
}

/**
 * Up to four plain names: after such a key nixfmt keeps `key = ` on the first line. (Asked only
 * when the first line does not fit anyway; `null` is the key of a function's argument.)
 */
function isShortPath(path: Path | null): boolean {
  if (path === null || path.length > 4) return false;
  for (const k of path) if (typeof k !== "string" || !isBareIdent(k)) return false;
  return true;
}

/** The attribute path as printed, or null when an interpolation in it is not a plain name. */
function keyText(path: Path): string | null {
  // Concatenated rather than joined: the text goes on into the output's chain of pieces anyway.
  let out = selectorText(path[0]!);
  for (let i = 1; i < path.length && out !== null; i++) {
    const s = selectorText(path[i]!);
    out = s === null ? null : out + "." + s;
  }
  return out;
}

function selectorText(k: AttrKey): string | null {
  if (typeof k === "string") return isBareIdent(k) ? k : `"${escapeSimple(k)}"`;
  const name = plainName(k.interp);
  return name === null ? null : `\${${name}}`;
}

/** Identifiers and the literals nixfmt treats as identifiers. */
function identText(e: Expr): string | null {
  switch (e.kind) {
    case "Ident":
      return e.name;
    case "Bool":
      return e.value ? "true" : "false";
    case "Null":
      return "null";
    default:
      return null;
  }
}

/** `x` or `x.y.z`: what nixfmt always prints as one token. */
function plainName(e: Expr): string | null {
  if (e.kind !== "Select") return identText(e);
  if (e.orDefault !== undefined) return null;
  let out = plainName(e.target);
  if (out === null) return null;
  for (const k of e.path) {
    if (typeof k !== "string" || !isBareIdent(k)) return null;
    out = `${out}.${k}`;
  }
  return out;
}

/** `x.a."b".${c}`: a selection without default from a name, with plain interpolations. */
function selectionText(e: Select): string | null {
  if (e.orDefault !== undefined) return null;
  let out = e.target.kind === "Select" ? selectionText(e.target) : identText(e.target);
  if (out === null) return null;
  for (const k of e.path) {
    const s = selectorText(k);
    if (s === null) return null;
    out = `${out}.${s}`;
  }
  return out;
}

/**
 * String parts whose interpolations are plain names, which nixfmt keeps on one line. An
 * interpolation alone on its line (after spaces) has a layout of its own: not handled here.
 */
function flatParts(parts: readonly (string | Expr)[], escape: Escape): string | null {
  if (loneInterpolation(parts) !== null) return null;
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

/** Identifiers, numbers, simple strings, paths, dotted names, empty sets and lists: one token. */
function flatTerm(e: Expr): string | null {
  switch (e.kind) {
    case "Ident":
    case "Bool":
    case "Null":
      return identText(e);
    case "Int":
    case "Float":
      return e.value < 0 ? null : numberText(e);
    case "SearchPath":
      return `<${e.path}>`;
    case "Path":
      return e.path;
    case "Str":
      return quoted(e.parts);
    case "IndentedStr":
      return indentedLines(e.parts) === null ? quoted(e.parts) : null;
    case "AttrSet":
      return e.bindings.length === 0 && !e.rec ? "{ }" : null;
    case "List":
      return e.items.length === 0 ? "[ ]" : null;
    case "Select":
      return selectionText(e);
    default:
      return null;
  }
}

/** The escaped text of a `"…"` string without interpolations: most strings emitters write. */
function plainText(e: Str): string | null {
  const first = e.parts[0];
  return e.parts.length === 1 && typeof first === "string" ? escapeSimple(first) : null;
}

function quoted(parts: readonly (string | Expr)[]): string | null {
  const body = parts.length === 0 ? "" : flatParts(parts, escapeSimple);
  return body === null ? null : `"${body}"`;
}
