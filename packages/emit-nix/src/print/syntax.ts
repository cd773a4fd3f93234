/**
 * The printer's view of an expression: the shape nixfmt's parser would give the printed text.
 * Parentheses appear as nodes, applications are binary and left-nested, `+` chains are
 * right-nested, and comments before items are items of their own. Printing this view with
 * nixfmt's rules is what makes our output a fixed point of `nixfmt`.
 */
import type { AttrKey, Binding, Expr, Lambda, Trivia } from "../ast/nodes.ts";
import { UnexpectedNodeError } from "../errors.ts";
import { isBareIdent } from "../ast/ident.ts";
import { escapeIndented } from "./escape.ts";

export type Trivium = { k: "empty" } | { k: "comment"; text: string };
export type Item<T> = { k: "comments"; trivia: Trivium[] } | { k: "item"; value: T };
export type Part = string | S;
export type Sel = { k: "id"; name: string } | { k: "str"; text: string } | { k: "interp"; e: S };

/** `src`: the AST binding, which direct.ts lays out without this view where it can. */
export type SBinding =
  | { k: "assign"; path: Sel[]; value: S; src: Binding }
  | { k: "inherit"; from?: S; names: string[]; src: Binding };
/**
 * Comments and blank lines before a node's first token (nixfmt's `preTrivia`): a lambda body's
 * trivia and a file's header end up there. Only nodes that start with a token of their own
 * carry it; `withPre` pushes it down to them.
 */
type Pre = { pre?: Trivium[] };

export type Param =
  | ({ k: "id"; name: string } & Pre)
  | ({ k: "set"; attrs: { name: string; def?: S }[]; ellipsis: boolean } & Pre)
  | { k: "ctx"; first: Param; second: Param };

export type S =
  /** `keyword` is the `assert` that nixfmt prints as if it were a function */
  | ({ k: "tok"; text: string; tok: "ident" | "int" | "float" | "env" | "keyword" } & Pre)
  | ({ k: "str"; parts: Part[] } & Pre)
  | ({ k: "istr"; lines: Part[][] } & Pre)
  | ({ k: "path"; parts: Part[] } & Pre)
  | ({ k: "list"; items: Item<S>[] } & Pre)
  | ({ k: "set"; rec: boolean; items: Item<SBinding>[] } & Pre)
  | ({ k: "paren"; e: S } & Pre)
  | { k: "sel"; t: S; sels: Sel[]; def?: S }
  | ({ k: "with"; scope: S; body: S } & Pre)
  | ({ k: "let"; items: Item<SBinding>[]; body: S } & Pre)
  | ({ k: "assert"; cond: S; body: S } & Pre)
  | ({ k: "if"; cond: S; then: S; else: S } & Pre)
  /** `bodyBelow`: trivia before the body, so nixfmt finds it on a later line than the colon */
  | { k: "abs"; param: Param; body: S; bodyBelow: boolean }
  | { k: "app"; f: S; a: S }
  | { k: "op"; a: S; op: string; b: S }
  | { k: "has"; e: S; sels: Sel[] }
  | ({ k: "neg"; e: S } & Pre)
  | ({ k: "not"; e: S } & Pre);

/** Attaches trivia to the first token of `s` (nixfmt's `mapFirstToken`). */
export function withPre(s: S, t: Trivium[]): S {
  if (t.length === 0) return s;
  switch (s.k) {
    case "sel":
      return { ...s, t: withPre(s.t, t) };
    case "app":
      return { ...s, f: withPre(s.f, t) };
    case "op":
      return { ...s, a: withPre(s.a, t) };
    case "has":
      return { ...s, e: withPre(s.e, t) };
    case "abs":
      return { ...s, param: paramWithPre(s.param, t) };
    default:
      return { ...s, pre: [...t, ...(s.pre ?? [])] };
  }
}

function paramWithPre(p: Param, t: Trivium[]): Param {
  return p.k === "ctx" ? { ...p, first: paramWithPre(p.first, t) } : { ...p, pre: [...t, ...(p.pre ?? [])] };
}

/** The trivia on the first token of `s`. */
export function firstPre(s: S): Trivium[] {
  switch (s.k) {
    case "sel":
      return firstPre(s.t);
    case "app":
      return firstPre(s.f);
    case "op":
      return firstPre(s.a);
    case "has":
      return firstPre(s.e);
    case "abs": {
      let p = s.param;
      while (p.k === "ctx") p = p.first;
      return p.pre ?? [];
    }
    default:
      return s.pre ?? [];
  }
}

/** `s` without the trivia on its first token. */
export function dropFirstPre(s: S): S {
  switch (s.k) {
    case "sel":
      return { ...s, t: dropFirstPre(s.t) };
    case "app":
      return { ...s, f: dropFirstPre(s.f) };
    case "op":
      return { ...s, a: dropFirstPre(s.a) };
    case "has":
      return { ...s, e: dropFirstPre(s.e) };
    case "abs":
      return { ...s, param: dropParamPre(s.param) };
    default: {
      const { pre: _, ...rest } = s;
      return rest as S;
    }
  }
}

function dropParamPre(p: Param): Param {
  if (p.k === "ctx") return { ...p, first: dropParamPre(p.first) };
  const { pre: _, ...rest } = p;
  return rest as Param;
}

/** True when the first token of `s` has trivia (`hasPreTrivia`). */
export const hasPre = (s: S): boolean => firstPre(s).length > 0;


/** Binding strength per operator (lower binds tighter) and associativity, as Nix defines them. */
const OPS: Record<string, [number, "left" | "right" | "none"]> = {
  "++": [4, "right"], "*": [5, "left"], "/": [5, "left"], "+": [6, "left"], "-": [6, "left"],
  "//": [8, "right"], "<": [9, "none"], ">": [9, "none"], "<=": [9, "none"], ">=": [9, "none"],
  "==": [10, "none"], "!=": [10, "none"], "&&": [11, "left"], "||": [12, "left"], "->": [13, "right"],
  "|>": [14, "left"], "<|": [15, "right"],
};
const EXPRESSION_LEVEL = 16;

function level(e: Expr): number {
  switch (e.kind) {
    case "Int":
    case "Float":
      return e.value < 0 ? 2 : 0;
    case "Apply":
      return e.args.length === 0 ? level(e.fn) : 1;
    case "Neg":
      return 2;
    case "HasAttr":
      return 3;
    case "Not":
      return 7;
    case "BinOp":
      return OPS[e.op]![0];
    case "Let":
    case "With":
    case "If":
    case "Assert":
    case "Lambda":
      return EXPRESSION_LEVEL;
    case "Select":
      return level(e.target) === 0 ? 0 : 1;
    default:
      return 0;
  }
}

/** Converts `e`, parenthesised when it binds looser than `max` allows. */
function at(e: Expr, max: number): S {
  const s = toSyntax(e);
  return level(e) > max ? { k: "paren", e: s } : s;
}

export function trivia(t: Trivia | undefined): Trivium[] {
  const out: Trivium[] = [];
  if (t?.blankBefore) out.push({ k: "empty" });
  for (const c of t?.comments ?? []) out.push({ k: "comment", text: commentText(c) });
  return out;
}

/** A line comment's text after `#`: nixfmt drops trailing whitespace. */
export function commentText(c: string): string {
  const t = c.trimEnd();
  return t === "" ? "" : ` ${t}`;
}

/** Whether an item has comments or a blank line before it. */
export const hasTrivia = (t: Trivia): boolean => t.blankBefore === true || (t.comments !== undefined && t.comments.length > 0);

function items<T, U>(xs: readonly (T & Trivia)[], f: (x: T) => U): Item<U>[] {
  const out: Item<U>[] = [];
  for (const x of xs) {
    if (hasTrivia(x)) out.push({ k: "comments", trivia: trivia(x) });
    out.push({ k: "item", value: f(x) });
  }
  return out;
}

export function sel(key: AttrKey): Sel {
  if (typeof key !== "string") return { k: "interp", e: toSyntax(key.interp) };
  return isBareIdent(key) ? { k: "id", name: key } : { k: "str", text: key };
}

export function binding(b: Binding): SBinding {
  // The source of `inherit (source) names;` is always parenthesised.
  if (b.kind === "Inherit") return { k: "inherit", names: [...b.names], ...(b.from ? { from: { k: "paren", e: toSyntax(b.from) } } : {}), src: b };
  return { k: "assign", path: b.path.map(sel), value: toSyntax(b.value), src: b };
}

/** A list item: parenthesised unless it is a term. */
export const itemSyntax = (e: Expr): S => at(e, 0);

function binop(e: Expr & { kind: "BinOp" }): S {
  const [lv, assoc] = OPS[e.op]!;
  const a = at(e.left, assoc === "left" ? lv : lv - 1);
  const b = at(e.right, assoc === "right" ? lv : lv - 1);
  // nixfmt reads `+` chains right-nested; printing the same shape keeps its layout choices.
  if (e.op === "+" && a.k === "op" && a.op === "+") return { k: "op", a: a.a, op: "+", b: { k: "op", a: a.b, op: "+", b } };
  return { k: "op", a, op: e.op, b };
}

/** The digits of a number literal, without its sign. */
export function numberText(e: Expr & { kind: "Int" | "Float" }): string {
  const text = String(e.value < 0 ? -e.value : e.value);
  // Nix floats need a dot before any exponent: `1e-7` would read as `1 e-7`.
  return e.kind === "Float" && !text.includes(".") ? text.replace(/(?=e)|$/, ".0") : text;
}

function number(e: Expr & { kind: "Int" | "Float" }): S {
  const tok: S = { k: "tok", text: numberText(e), tok: e.kind === "Int" ? "int" : "float" };
  return e.value < 0 ? { k: "neg", e: tok } : tok;
}

/**
 * `x.a.b or d`: one selection, as nixfmt parses it (`term`). A nested selection without a
 * default joins the path; the target must be a simple term, so a selection with a default and
 * a path literal (`./a.b` would read as one path) get parentheses.
 */
function select(e: Expr & { kind: "Select" }): S {
  const def = e.orDefault ? { def: at(e.orDefault, 0) } : {};
  const inner = toSyntax(e.target);
  if (e.target.kind === "Select" && !e.target.orDefault && inner.k === "sel") return { ...inner, sels: [...inner.sels, ...e.path.map(sel)], ...def };
  const simple = level(e.target) === 0 && e.target.kind !== "Select" && e.target.kind !== "Path";
  return { k: "sel", t: simple ? inner : { k: "paren", e: inner }, sels: e.path.map(sel), ...def };
}

export function toSyntax(e: Expr): S {
  switch (e.kind) {
    case "Ident":
      return { k: "tok", text: e.name, tok: "ident" };
    case "Bool":
      return { k: "tok", text: String(e.value), tok: "ident" };
    case "Null":
      return { k: "tok", text: "null", tok: "ident" };
    case "Int":
    case "Float":
      return number(e);
    case "SearchPath":
      return { k: "tok", text: `<${e.path}>`, tok: "env" };
    case "Path":
      return { k: "path", parts: [e.path] };
    case "Str":
      return { k: "str", parts: e.parts.map((p) => (typeof p === "string" ? p : toSyntax(p))) };
    case "IndentedStr":
      return indentedString(e.parts);
    case "List":
      return { k: "list", items: items(e.items, (i) => at(i.value, 0)) };
    case "AttrSet":
      return { k: "set", rec: e.rec, items: items(e.bindings, binding) };
    case "Let":
      return { k: "let", items: items(e.bindings, binding), body: toSyntax(e.body) };
    case "With":
      return { k: "with", scope: toSyntax(e.scope), body: toSyntax(e.body) };
    case "If":
      return { k: "if", cond: toSyntax(e.cond), then: toSyntax(e.then), else: toSyntax(e.else) };
    case "Assert":
      return { k: "assert", cond: toSyntax(e.cond), body: toSyntax(e.body) };
    case "Lambda":
      return lambda(e);
    case "Apply":
      return e.args.reduce<S>((f, a) => ({ k: "app", f, a: at(a, 0) }), at(e.fn, 1));
    case "Select":
      return select(e);
    case "HasAttr":
      return { k: "has", e: at(e.target, 2), sels: e.path.map(sel) };
    case "BinOp":
      return binop(e);
    case "Not":
      return { k: "not", e: at(e.expr, 3) };
    case "Neg":
      return { k: "neg", e: at(e.expr, 1) };
    default:
      throw new UnexpectedNodeError(e);
  }
}

function lambda(e: Lambda): S {
  const t = trivia(e.bodyTrivia);
  return { k: "abs", param: param(e.param), body: withPre(toSyntax(e.body), t), bodyBelow: t.length > 0 };
}

function param(p: Lambda["param"]): Param {
  if (p.kind === "Ident") return { k: "id", name: p.name };
  const set: Param = {
    k: "set",
    attrs: p.formals.map((f) => ({ name: f.name, ...(f.default ? { def: toSyntax(f.default) } : {}) })),
    ellipsis: p.ellipsis,
  };
  if (!p.bind) return set;
  const id: Param = { k: "id", name: p.bind.name };
  return p.bind.position === "before" ? { k: "ctx", first: id, second: set } : { k: "ctx", first: set, second: id };
}

/**
 * `''...''` when that form reads back as the same text and nixfmt keeps it, else `"..."`.
 */
function indentedString(parts: readonly (string | Expr)[]): S {
  const lines = indentedLines(parts);
  if (lines === null) return { k: "str", parts: parts.map((p) => (typeof p === "string" ? p : toSyntax(p))) };
  return { k: "istr", lines: lines.map((l) => l.map((p) => (typeof p === "string" ? p : toSyntax(p)))) };
}

/**
 * The lines of an indented string's parts, or null when it must print as `"..."`: when the
 * `''` form would not read back unchanged, or when nixfmt's parser (`classifyString`) would
 * turn it into a simple string (one line without `"` or `\`).
 */
export function indentedLines<T extends object>(parts: readonly (string | T)[]): (string | T)[][] | null {
  const lines = splitLines(parts);
  if (!indentedReadsBack(lines)) return null;
  if (lines.length > 1) return lines;
  const line = lines[0]!;
  const quoteOrBackslash = line.some((p, i) => typeof p === "string" && /["\\]/.test(escapeIndented(p, typeof line[i + 1] === "object")));
  return quoteOrBackslash ? lines : null;
}

/** Whether Nix reads the printed `''` lines back unchanged (see `stripIndentation` in Nix). */
function indentedReadsBack<T>(lines: (string | T)[][]): boolean {
  const last = lines[lines.length - 1]!;
  const tail = last[last.length - 1];
  // A closing `'` would fuse with the delimiter.
  if (typeof tail === "string" && tail.endsWith("'")) return false;
  // One line: its leading spaces would be stripped.
  if (lines.length === 1) return atColumnZero(last);
  // The last line is dropped when it holds only spaces.
  if (last.length > 0 && spacesOnly(last)) return false;
  // Some content line must start at column 0; without any, lines of spaces would be emptied.
  let content = false;
  for (const l of lines) {
    if (spacesOnly(l)) continue;
    if (atColumnZero(l)) return true;
    content = true;
  }
  return !content && lines.every((l) => l.length === 0);
}

/** Whether a line (text parts are never empty) starts with something other than a space. */
function atColumnZero<T>(l: (string | T)[]): boolean {
  const head = l[0];
  return typeof head !== "string" || head.charCodeAt(0) !== 32;
}

/** Whether a line holds nothing but spaces (an empty line does). */
function spacesOnly<T>(l: (string | T)[]): boolean {
  for (const p of l) {
    if (typeof p !== "string") return false;
    for (let i = 0; i < p.length; i++) if (p.charCodeAt(i) !== 32) return false;
  }
  return true;
}

/** Splits indented-string parts into lines at every newline of the text parts. */
function splitLines<T>(parts: readonly (string | T)[]): (string | T)[][] {
  let line: (string | T)[] = [];
  const lines = [line];
  for (const p of parts) {
    if (typeof p !== "string") {
      line.push(p);
      continue;
    }
    for (let start = 0; ; ) {
      const end = p.indexOf("\n", start);
      const chunk = end < 0 ? p.slice(start) : p.slice(start, end);
      if (chunk !== "") line.push(chunk);
      if (end < 0) break;
      lines.push((line = []));
      start = end + 1;
    }
  }
  return lines;
}
