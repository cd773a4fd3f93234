/**
 * Factories for the Nix AST (`n.*`), the only way nodes are made (their classes are in
 * objects.ts). `n.from` turns plain JS values into nodes: objects become attribute sets (in
 * insertion order), arrays lists, strings string literals — escaped by the printer, so no JS
 * string can inject Nix syntax.
 */
import type {
  AttrKey, AttrSet, Binding, BinaryOperator, Expr, Formal, Formals, Ident, IndentedStr, Lambda, List, ListItem,
  NixFile, Select, Str, Trivia,
} from "./nodes.ts";
import * as N from "./objects.ts";
import { fitsIndented } from "../print/escape.ts";

type Part = string | Expr;

/** A JS value `n.from` accepts. */
export type NixValue = Expr | string | number | bigint | boolean | null | readonly NixValue[] | { readonly [key: string]: NixValue | undefined };

const isExpr = N.isNode;
const TRUE = new N.Bool(true);
const FALSE = new N.Bool(false);
const NULL = new N.Null();

export const n = {
  ident: (name: string): Ident => new N.Ident(name),
  int: (value: number | bigint): Expr => new N.Int(BigInt(value)),
  float: (value: number): Expr => new N.Float(value),
  /** Immutable, so `true`, `false` and `null` are one node each. */
  bool: (value: boolean): Expr => (value ? TRUE : FALSE),
  null: (): Expr => NULL,
  path: (path: string): Expr => new N.Path(path),
  searchPath: (path: string): Expr => new N.SearchPath(path),
  /** `"..."` with interpolations: `n.str("${", n.ref("pkgs.bun"), "}/bin/bun")` is not needed; pass parts. */
  str: (...parts: Part[]): Str => new N.Str(mergeParts(parts)),
  /** `''...''` with interpolations. */
  lines: (...parts: Part[]): IndentedStr => new N.IndentedStr(mergeParts(parts)),
  /** Text as `''...''` when it is multi-line and reads back unchanged that way, else `"..."`. */
  text: (...parts: Part[]): Str | IndentedStr => {
    const merged = mergeParts(parts);
    return isMultiLine(merged) ? new N.IndentedStr(merged) : new N.Str(merged);
  },
  list: (items: readonly (Expr | ListItem)[]): List => {
    const out: ListItem[] = [];
    for (const i of items) out.push(isExpr(i) ? new N.Item(i, undefined) : new N.Item(i.value, i));
    return new N.List(out);
  },
  item: (value: Expr, trivia?: Trivia): ListItem => new N.Item(value, trivia),
  set: (bindings: readonly Binding[]): AttrSet => new N.AttrSet(false, bindings),
  rec: (bindings: readonly Binding[]): AttrSet => new N.AttrSet(true, bindings),
  /** `a.b.c = value;` — a dotted string is split into a path; use an array for keys containing dots. */
  assign: (path: string | readonly AttrKey[], value: NixValue, trivia?: Trivia): Binding => {
    let p = typeof path === "string" ? splitPath(path) : path;
    let v = value;
    // A plain object with a single attribute joins the path (see `soleKey`).
    for (let k = soleKey(v); k !== undefined; k = soleKey(v)) {
      p = [...p, k];
      v = (v as PlainObject)[k]!;
    }
    if (p.length === 0) throw new Error("an attribute path needs at least one key (bug in an emitter)");
    return new N.Assign(p, n.from(v), trivia);
  },
  inherit: (names: readonly string[], from?: Expr, trivia?: Trivia): Binding => new N.Inherit(names, from, trivia),
  let: (bindings: readonly Binding[], body: Expr): Expr => new N.Let(bindings, body),
  with: (scope: Expr, body: Expr): Expr => new N.With(scope, body),
  if: (cond: Expr, then: Expr, otherwise: Expr): Expr => new N.If(cond, then, otherwise),
  assert: (cond: Expr, body: Expr): Expr => new N.Assert(cond, body),
  formals: (formals: readonly (string | Formal)[], opts: { ellipsis?: boolean; bind?: Formals["bind"] } = {}): Formals =>
    new N.Formals(formals.map((x) => (typeof x === "string" ? { name: x } : { ...x })), opts.ellipsis ?? false, opts.bind),
  lambda: (param: string | Ident | Formals, body: Expr, bodyTrivia?: Trivia): Lambda =>
    new N.Lambda(typeof param === "string" ? n.ident(param) : param, body, bodyTrivia),
  /** The usual module header `{ a, b, ... }:`. */
  module: (args: readonly string[], body: Expr): Lambda => n.lambda(n.formals(args, { ellipsis: true }), body, { blankBefore: true }),
  apply: (fn: Expr | string, ...args: NixValue[]): Expr => new N.Apply(typeof fn === "string" ? n.ref(fn) : fn, args.map(n.from)),
  /** A dotted reference such as `pkgs.postgresql_17` or `lib.mkIf`. */
  ref: (dotted: string): Expr => {
    const keys = splitPath(dotted);
    return keys.length === 1 ? n.ident(dotted) : n.select(n.ident(keys[0]!), keys.slice(1));
  },
  select: (target: Expr, path: readonly AttrKey[], orDefault?: Expr): Select => new N.Select(target, path, orDefault),
  hasAttr: (target: Expr, path: readonly AttrKey[]): Expr => new N.HasAttr(target, path),
  op: (left: NixValue, op: BinaryOperator, right: NixValue): Expr => new N.BinOp(op, n.from(left), n.from(right)),
  not: (expr: Expr): Expr => new N.Not(expr),
  neg: (expr: Expr): Expr => new N.Neg(expr),
  interp: (expr: Expr): AttrKey => ({ interp: expr }),
  file: (header: readonly string[], body: Expr): NixFile => ({ header, body }),
  /** Plain JS to Nix: objects → sets (insertion order, `undefined` skipped, single-key chains collapsed), arrays → lists. */
  from: (v: NixValue): Expr => {
    if (isExpr(v)) return v;
    if (v === null) return n.null();
    if (typeof v === "string") return n.text(v);
    if (typeof v === "boolean") return n.bool(v);
    if (typeof v === "bigint") return n.int(v);
    if (typeof v === "number") return Number.isInteger(v) ? n.int(v) : n.float(v);
    if (Array.isArray(v)) return n.list(v.map((x) => n.from(x as NixValue)));
    const obj = v as PlainObject;
    const bindings: Binding[] = [];
    for (const k of Object.keys(obj)) if (obj[k] !== undefined) bindings.push(n.assign([k], obj[k]));
    return n.set(bindings);
  },
};

/** Whether string parts hold a newline and read back unchanged as `''...''`. */
function isMultiLine(parts: readonly Part[]): boolean {
  if (parts.length === 1 && typeof parts[0] === "string") return parts[0].includes("\n") && fitsIndented(parts[0]);
  let literal = "";
  let shape = "";
  for (const p of parts) {
    literal += typeof p === "string" ? p : "";
    shape += typeof p === "string" ? p : "x";
  }
  return literal.includes("\n") && fitsIndented(shape);
}

/**
 * `"a.b.c"` as `["a", "b", "c"]`, shared (read-only by type): emitters name the same few option paths
 * over and over, so each is split once. (Bounded, so that a long-lived process does not grow.)
 */
function splitPath(path: string): readonly string[] {
  let keys = splitCache.get(path);
  if (keys === undefined) {
    if (splitCache.size >= 4096) splitCache.clear();
    keys = path.split(".");
    splitCache.set(path, keys);
  }
  return keys;
}
const splitCache = new Map<string, readonly string[]>();

type PlainObject = { readonly [key: string]: NixValue | undefined };

/**
 * The key of a plain object with a single attribute (`undefined` ones skipped), which joins
 * its parent's path, as people write it: `{ openssh = { authorizedKeys = { keys = …; }; }; }`
 * becomes `openssh.authorizedKeys.keys = …;`. Empty objects and explicit `n.set` nodes stay sets.
 */
function soleKey(v: NixValue): string | undefined {
  if (typeof v !== "object" || v === null || Array.isArray(v) || isExpr(v)) return undefined;
  const o = v as PlainObject;
  let key: string | undefined;
  for (const k of Object.keys(o)) {
    if (o[k] === undefined) continue;
    if (key !== undefined) return undefined;
    key = k;
  }
  return key;
}

/** Adjacent strings joined, empty ones dropped. */
function mergeParts(parts: Part[]): readonly Part[] {
  let plain = true;
  for (let i = 0; i < parts.length && plain; i++) {
    const p = parts[i]!;
    plain = typeof p !== "string" || (p !== "" && typeof parts[i + 1] !== "string");
  }
  // The common case (one string, or strings between interpolations) keeps the array it came in.
  if (plain) return parts;
  const out: Part[] = [];
  for (const p of parts) {
    if (p === "") continue;
    const last = out[out.length - 1];
    if (typeof p === "string" && typeof last === "string") out[out.length - 1] = last + p;
    else out.push(p);
  }
  return out;
}
