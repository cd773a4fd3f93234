/**
 * Factories for the Nix AST (`n.*`). Every node is frozen. `n.from` turns plain JS values into
 * nodes: objects become attribute sets (in insertion order), arrays lists, strings string
 * literals — escaped by the printer, so no JS string can inject Nix syntax.
 */
import type {
  AttrKey, AttrSet, Binding, BinaryOperator, Expr, Formal, Formals, Ident, IndentedStr, Lambda, List, ListItem,
  NixFile, Select, Str, Trivia,
} from "./nodes.ts";
import { fitsIndented } from "../print/escape.ts";

const f = <T extends object>(node: T): T => Object.freeze(node);
type Part = string | Expr;

/** A JS value `n.from` accepts. */
export type NixValue = Expr | string | number | bigint | boolean | null | readonly NixValue[] | { readonly [key: string]: NixValue | undefined };

const isExpr = (v: unknown): v is Expr => typeof v === "object" && v !== null && !Array.isArray(v) && typeof (v as { kind?: unknown }).kind === "string" && Object.isFrozen(v);

export const n = {
  ident: (name: string): Ident => f({ kind: "Ident", name }),
  int: (value: number | bigint): Expr => f({ kind: "Int", value: BigInt(value) }),
  float: (value: number): Expr => f({ kind: "Float", value }),
  bool: (value: boolean): Expr => f({ kind: "Bool", value }),
  null: (): Expr => f({ kind: "Null" }),
  path: (path: string): Expr => f({ kind: "Path", path }),
  searchPath: (path: string): Expr => f({ kind: "SearchPath", path }),
  /** `"..."` with interpolations: `n.str("${", n.ref("pkgs.bun"), "}/bin/bun")` is not needed; pass parts. */
  str: (...parts: Part[]): Str => f({ kind: "Str", parts: mergeParts(parts) }),
  /** `''...''` with interpolations. */
  lines: (...parts: Part[]): IndentedStr => f({ kind: "IndentedStr", parts: mergeParts(parts) }),
  /** Text as `''...''` when it is multi-line and reads back unchanged that way, else `"..."`. */
  text: (...parts: Part[]): Str | IndentedStr => {
    const merged = mergeParts(parts);
    return isMultiLine(merged) ? f({ kind: "IndentedStr", parts: merged }) : f({ kind: "Str", parts: merged });
  },
  list: (items: readonly (Expr | ListItem)[]): List => {
    const out: ListItem[] = [];
    for (const i of items) out.push(isExpr(i) ? f({ value: i }) : withTrivia({ value: i.value }, i));
    return f({ kind: "List", items: out });
  },
  item: (value: Expr, trivia?: Trivia): ListItem => withTrivia({ value }, trivia),
  set: (bindings: readonly Binding[]): AttrSet => f({ kind: "AttrSet", rec: false, bindings }),
  rec: (bindings: readonly Binding[]): AttrSet => f({ kind: "AttrSet", rec: true, bindings }),
  /** `a.b.c = value;` — a dotted string is split into a path; use an array for keys containing dots. */
  assign: (path: string | readonly AttrKey[], value: NixValue, trivia?: Trivia): Binding => {
    let p = typeof path === "string" ? splitPath(path) : path;
    let v = value;
    // A plain object with a single attribute joins the path (see `soleKey`).
    for (let k = soleKey(v); k !== undefined; k = soleKey(v)) {
      p = [...p, k];
      v = (v as PlainObject)[k]!;
    }
    return withTrivia({ kind: "Assign", path: p, value: n.from(v) }, trivia);
  },
  inherit: (names: readonly string[], from?: Expr, trivia?: Trivia): Binding =>
    withTrivia(from ? { kind: "Inherit", names, from } : { kind: "Inherit", names }, trivia),
  let: (bindings: readonly Binding[], body: Expr): Expr => f({ kind: "Let", bindings, body }),
  with: (scope: Expr, body: Expr): Expr => f({ kind: "With", scope, body }),
  if: (cond: Expr, then: Expr, otherwise: Expr): Expr => f({ kind: "If", cond, then, else: otherwise }),
  assert: (cond: Expr, body: Expr): Expr => f({ kind: "Assert", cond, body }),
  formals: (formals: readonly (string | Formal)[], opts: { ellipsis?: boolean; bind?: Formals["bind"] } = {}): Formals =>
    f({ kind: "Formals", formals: formals.map((x) => f(typeof x === "string" ? { name: x } : { ...x })), ellipsis: opts.ellipsis ?? false, ...(opts.bind ? { bind: opts.bind } : {}) }),
  lambda: (param: string | Ident | Formals, body: Expr, bodyTrivia?: Trivia): Lambda =>
    f({ kind: "Lambda", param: typeof param === "string" ? n.ident(param) : param, body, ...(bodyTrivia ? { bodyTrivia } : {}) }),
  /** The usual module header `{ a, b, ... }:`. */
  module: (args: readonly string[], body: Expr): Lambda => n.lambda(n.formals(args, { ellipsis: true }), body, { blankBefore: true }),
  apply: (fn: Expr | string, ...args: NixValue[]): Expr => f({ kind: "Apply", fn: typeof fn === "string" ? n.ref(fn) : fn, args: args.map(n.from) }),
  /** A dotted reference such as `pkgs.postgresql_17` or `lib.mkIf`. */
  ref: (dotted: string): Expr => {
    const [head, ...rest] = dotted.split(".");
    return rest.length === 0 ? n.ident(head!) : n.select(n.ident(head!), rest);
  },
  select: (target: Expr, path: readonly AttrKey[], orDefault?: Expr): Select =>
    f({ kind: "Select", target, path, ...(orDefault ? { orDefault } : {}) }),
  hasAttr: (target: Expr, path: readonly AttrKey[]): Expr => f({ kind: "HasAttr", target, path }),
  op: (left: NixValue, op: BinaryOperator, right: NixValue): Expr => f({ kind: "BinOp", op, left: n.from(left), right: n.from(right) }),
  not: (expr: Expr): Expr => f({ kind: "Not", expr }),
  neg: (expr: Expr): Expr => f({ kind: "Neg", expr }),
  interp: (expr: Expr): AttrKey => f({ interp: expr }),
  file: (header: readonly string[], body: Expr): NixFile => f({ header, body }),
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

/**
 * Trivia copied onto a node, then the node frozen. Only the fields that are set are copied,
 * so that nodes without trivia (nearly all) share one shape.
 */
function withTrivia<T extends object>(node: T & { blankBefore?: boolean; comments?: readonly string[] }, t: Trivia | undefined): T {
  if (t !== undefined) {
    if (t.blankBefore !== undefined) node.blankBefore = t.blankBefore;
    if (t.comments !== undefined) node.comments = t.comments;
  }
  return f(node);
}

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
 * `"a.b.c"` as `["a", "b", "c"]`, frozen and shared: emitters name the same few option paths
 * over and over, so each is split once. (Bounded, so that a long-lived process does not grow.)
 */
function splitPath(path: string): readonly string[] {
  let keys = splitCache.get(path);
  if (keys === undefined) {
    if (splitCache.size >= 4096) splitCache.clear();
    keys = Object.freeze(path.split("."));
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
  if (plain) return Object.freeze(parts);
  const out: Part[] = [];
  for (const p of parts) {
    if (p === "") continue;
    const last = out[out.length - 1];
    if (typeof p === "string" && typeof last === "string") out[out.length - 1] = last + p;
    else out.push(p);
  }
  return Object.freeze(out);
}
