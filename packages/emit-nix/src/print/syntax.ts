/**
 * The printer's view of an expression: the shape nixfmt's parser would give the printed text.
 * Parentheses appear as nodes, applications are binary and left-nested, `+` chains are
 * right-nested, and comments before items are items of their own. Printing this view with
 * nixfmt's rules is what makes our output a fixed point of `nixfmt`.
 */
import type { AttrKey, Binding, Expr, Lambda, Trivia } from "../ast/nodes.ts";
import { UnexpectedNodeError } from "../errors.ts";
import { isBareIdent } from "../ast/ident.ts";

export type Trivium = { k: "empty" } | { k: "comment"; text: string };
export type Item<T> = { k: "comments"; trivia: Trivium[] } | { k: "item"; value: T };
export type Part = string | S;
export type Sel = { k: "id"; name: string } | { k: "str"; text: string } | { k: "interp"; e: S };

export type SBinding =
  | { k: "assign"; path: Sel[]; value: S }
  | { k: "inherit"; from?: S; names: string[] };
export type Param =
  | { k: "id"; name: string }
  | { k: "set"; attrs: { name: string; def?: S }[]; ellipsis: boolean }
  | { k: "ctx"; first: Param; second: Param };

export type S =
  | { k: "tok"; text: string; tok: "ident" | "int" | "float" | "env" }
  | { k: "str"; parts: Part[] }
  | { k: "istr"; lines: Part[][] }
  | { k: "path"; parts: Part[] }
  | { k: "list"; items: Item<S>[] }
  | { k: "set"; rec: boolean; items: Item<SBinding>[] }
  | { k: "paren"; e: S }
  | { k: "sel"; t: S; sels: Sel[]; def?: S }
  | { k: "with"; scope: S; body: S }
  | { k: "let"; items: Item<SBinding>[]; body: S }
  | { k: "assert"; cond: S; body: S }
  | { k: "if"; cond: S; then: S; else: S }
  | { k: "abs"; param: Param; body: S; bodyTrivia: Trivium[] }
  | { k: "app"; f: S; a: S }
  | { k: "op"; a: S; op: string; b: S }
  | { k: "has"; e: S; sels: Sel[] }
  | { k: "neg"; e: S }
  | { k: "not"; e: S };

const TERMS = new Set(["tok", "str", "istr", "path", "list", "set", "paren", "sel"]);
export const isTerm = (s: S): boolean => TERMS.has(s.k);

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
  for (const c of t?.comments ?? []) out.push({ k: "comment", text: c === "" ? "" : ` ${c}` });
  return out;
}

function items<T, U>(xs: readonly (T & Trivia)[], f: (x: T) => U): Item<U>[] {
  return xs.flatMap((x): Item<U>[] => {
    const t = trivia(x);
    const item: Item<U> = { k: "item", value: f(x) };
    return t.length > 0 ? [{ k: "comments", trivia: t }, item] : [item];
  });
}

export function sel(key: AttrKey): Sel {
  if (typeof key !== "string") return { k: "interp", e: toSyntax(key.interp) };
  return isBareIdent(key) ? { k: "id", name: key } : { k: "str", text: key };
}

function binding(b: Binding): SBinding {
  if (b.kind === "Inherit") return { k: "inherit", names: [...b.names], ...(b.from ? { from: at(b.from, 0) } : {}) };
  return { k: "assign", path: b.path.map(sel), value: toSyntax(b.value) };
}

function binop(e: Expr & { kind: "BinOp" }): S {
  const [lv, assoc] = OPS[e.op]!;
  const a = at(e.left, assoc === "left" ? lv : lv - 1);
  const b = at(e.right, assoc === "right" ? lv : lv - 1);
  // nixfmt reads `+` chains right-nested; printing the same shape keeps its layout choices.
  if (e.op === "+" && a.k === "op" && a.op === "+") return { k: "op", a: a.a, op: "+", b: { k: "op", a: a.b, op: "+", b } };
  return { k: "op", a, op: e.op, b };
}

function number(e: Expr & { kind: "Int" | "Float" }): S {
  const abs = e.value < 0 ? -e.value : e.value;
  let text = String(abs);
  if (e.kind === "Float" && !/[.e]/.test(text)) text += ".0";
  const tok: S = { k: "tok", text, tok: e.kind === "Int" ? "int" : "float" };
  return e.value < 0 ? { k: "neg", e: tok } : tok;
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
      return { k: "istr", lines: splitLines(e.parts) };
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
      return { k: "abs", param: param(e.param), body: toSyntax(e.body), bodyTrivia: trivia(e.bodyTrivia) };
    case "Apply":
      return e.args.reduce<S>((f, a) => ({ k: "app", f, a: at(a, 0) }), at(e.fn, 1));
    case "Select":
      return { k: "sel", t: at(e.target, 0), sels: e.path.map(sel), ...(e.orDefault ? { def: at(e.orDefault, 0) } : {}) };
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

/** Splits indented-string parts into lines at every newline of the text parts. */
function splitLines(parts: readonly (string | Expr)[]): Part[][] {
  const lines: Part[][] = [[]];
  for (const p of parts) {
    if (typeof p !== "string") {
      lines[lines.length - 1]!.push(toSyntax(p));
      continue;
    }
    p.split("\n").forEach((chunk, i) => {
      if (i > 0) lines.push([]);
      if (chunk !== "") lines[lines.length - 1]!.push(chunk);
    });
  }
  return lines;
}
