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
    const literal = parts.filter((p): p is string => typeof p === "string").join("");
    return literal.includes("\n") && fitsIndented(parts.map((p) => (typeof p === "string" ? p : "x")).join("")) ? n.lines(...parts) : n.str(...parts);
  },
  list: (items: readonly (Expr | ListItem)[]): List =>
    f({ kind: "List", items: items.map((i) => ("value" in i && !isExpr(i) ? f({ ...i }) : f({ value: i as Expr }))) }),
  item: (value: Expr, trivia: Trivia = {}): ListItem => f({ value, ...trivia }),
  set: (bindings: readonly Binding[]): AttrSet => f({ kind: "AttrSet", rec: false, bindings }),
  rec: (bindings: readonly Binding[]): AttrSet => f({ kind: "AttrSet", rec: true, bindings }),
  /** `a.b.c = value;` — a dotted string is split into a path; use an array for keys containing dots. */
  assign: (path: string | readonly AttrKey[], value: NixValue, trivia: Trivia = {}): Binding => {
    const [fullPath, inner] = collapse(typeof path === "string" ? path.split(".") : path, value);
    return f({ kind: "Assign", path: fullPath, value: n.from(inner), ...trivia });
  },
  inherit: (names: readonly string[], from?: Expr, trivia: Trivia = {}): Binding =>
    f({ kind: "Inherit", names, ...(from ? { from } : {}), ...trivia }),
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
    return n.set(definedKeys(obj).map((k) => n.assign([k], obj[k]!)));
  },
};

type PlainObject = { readonly [key: string]: NixValue | undefined };
const isPlainObject = (v: NixValue): v is PlainObject => typeof v === "object" && v !== null && !Array.isArray(v) && !isExpr(v);
const definedKeys = (o: PlainObject): string[] => Object.keys(o).filter((k) => o[k] !== undefined);

/**
 * A plain object with a single attribute joins its parent's path, as people write it:
 * `{ openssh = { authorizedKeys = { keys = …; }; }; }` becomes `openssh.authorizedKeys.keys = …;`.
 * Empty objects and explicit `n.set` nodes stay sets.
 */
function collapse(path: readonly AttrKey[], value: NixValue): [readonly AttrKey[], NixValue] {
  let p = path;
  let v = value;
  for (let keys = isPlainObject(v) ? definedKeys(v) : []; keys.length === 1; keys = isPlainObject(v) ? definedKeys(v) : []) {
    p = [...p, keys[0]!];
    v = (v as PlainObject)[keys[0]!]!;
  }
  return [p, v];
}

function mergeParts(parts: readonly Part[]): readonly Part[] {
  const out: Part[] = [];
  for (const p of parts) {
    if (p === "") continue;
    const last = out[out.length - 1];
    if (typeof p === "string" && typeof last === "string") out[out.length - 1] = last + p;
    else out.push(p);
  }
  return Object.freeze(out);
}
