/**
 * The runtime objects behind the node types of nodes.ts: one small class per kind, created only
 * by the `n.*` factories (build.ts). Being an instance of `Node` is what tells a node from a
 * plain JS value in `n.from` — a config's own object may well have a `kind` key. Fields are
 * `readonly` by type; the objects are not frozen at run time, because freezing every node cost
 * about a sixth of emitting a large config.
 */
import type * as T from "./nodes.ts";
import { argBit } from "./args.ts";

/**
 * The common base of every expression, binding and parameter node. `uses` is the set of module
 * arguments (args.ts) the node's subtree refers to — an identifier, the head of `x.a.b`, an
 * `inherit x;` — bound there or not; the constructors sum it up from their children.
 */
export abstract class Node {
  abstract readonly uses: number;
}

/** The `uses` of any node: every node is a `Node`, which the public node types do not say. */
export const usesOf = (e: T.Expr | T.Binding | T.Formals): number => (e as unknown as Node).uses;

function usesOfParts(parts: readonly (string | T.Expr)[]): number {
  let uses = 0;
  for (const p of parts) if (typeof p !== "string") uses |= usesOf(p);
  return uses;
}
function usesOfPath(path: readonly T.AttrKey[]): number {
  let uses = 0;
  for (const k of path) if (typeof k !== "string") uses |= usesOf(k.interp);
  return uses;
}
function usesOfAll(xs: readonly (T.Expr | T.Binding)[]): number {
  let uses = 0;
  for (const x of xs) uses |= usesOf(x);
  return uses;
}

export const isNode = (v: unknown): v is T.Expr => v instanceof Node;

export class Ident extends Node implements T.Ident {
  readonly kind = "Ident";
  readonly uses: number;
  constructor(readonly name: string) {
    super();
    this.uses = argBit(name);
  }
}
export class Int extends Node implements T.Int {
  readonly kind = "Int";
  readonly uses = 0;
  constructor(readonly value: bigint) { super(); }
}
export class Float extends Node implements T.Float {
  readonly kind = "Float";
  readonly uses = 0;
  constructor(readonly value: number) { super(); }
}
export class Bool extends Node implements T.Bool {
  readonly kind = "Bool";
  readonly uses = 0;
  constructor(readonly value: boolean) { super(); }
}
export class Null extends Node implements T.Null {
  readonly kind = "Null";
  readonly uses = 0;
}
export class Path extends Node implements T.Path {
  readonly kind = "Path";
  readonly uses = 0;
  constructor(readonly path: string) { super(); }
}
export class SearchPath extends Node implements T.SearchPath {
  readonly kind = "SearchPath";
  readonly uses = 0;
  constructor(readonly path: string) { super(); }
}
export class Str extends Node implements T.Str {
  readonly kind = "Str";
  readonly uses: number;
  constructor(readonly parts: readonly (string | T.Expr)[]) {
    super();
    this.uses = usesOfParts(parts);
  }
}
export class IndentedStr extends Node implements T.IndentedStr {
  readonly kind = "IndentedStr";
  readonly uses: number;
  constructor(readonly parts: readonly (string | T.Expr)[]) {
    super();
    this.uses = usesOfParts(parts);
  }
}
export class List extends Node implements T.List {
  readonly kind = "List";
  readonly uses: number;
  constructor(readonly items: readonly T.ListItem[]) {
    super();
    let uses = 0;
    for (const item of items) uses |= usesOf(item.value);
    this.uses = uses;
  }
}
export class AttrSet extends Node implements T.AttrSet {
  readonly kind = "AttrSet";
  readonly uses: number;
  constructor(readonly rec: boolean, readonly bindings: readonly T.Binding[]) {
    super();
    this.uses = usesOfAll(bindings);
  }
}
export class Let extends Node implements T.Let {
  readonly kind = "Let";
  readonly uses: number;
  constructor(readonly bindings: readonly T.Binding[], readonly body: T.Expr) {
    super();
    this.uses = usesOfAll(bindings) | usesOf(body);
  }
}
export class With extends Node implements T.With {
  readonly kind = "With";
  readonly uses: number;
  constructor(readonly scope: T.Expr, readonly body: T.Expr) {
    super();
    this.uses = usesOf(scope) | usesOf(body);
  }
}
export class If extends Node implements T.If {
  readonly kind = "If";
  readonly else: T.Expr;
  readonly uses: number;
  constructor(readonly cond: T.Expr, readonly then: T.Expr, otherwise: T.Expr) {
    super();
    this.else = otherwise;
    this.uses = usesOf(cond) | usesOf(then) | usesOf(otherwise);
  }
}
export class Assert extends Node implements T.Assert {
  readonly kind = "Assert";
  readonly uses: number;
  constructor(readonly cond: T.Expr, readonly body: T.Expr) {
    super();
    this.uses = usesOf(cond) | usesOf(body);
  }
}
export class Lambda extends Node implements T.Lambda {
  readonly kind = "Lambda";
  readonly uses: number;
  constructor(readonly param: T.Ident | T.Formals, readonly body: T.Expr, readonly bodyTrivia: T.Trivia | undefined) {
    super();
    this.uses = (param.kind === "Formals" ? usesOf(param) : 0) | usesOf(body);
  }
}
export class Apply extends Node implements T.Apply {
  readonly kind = "Apply";
  readonly uses: number;
  constructor(readonly fn: T.Expr, readonly args: readonly T.Expr[]) {
    super();
    this.uses = usesOf(fn) | usesOfAll(args);
  }
}
export class Select extends Node implements T.Select {
  readonly kind = "Select";
  readonly uses: number;
  constructor(readonly target: T.Expr, readonly path: readonly T.AttrKey[], readonly orDefault: T.Expr | undefined) {
    super();
    this.uses = usesOf(target) | usesOfPath(path) | (orDefault ? usesOf(orDefault) : 0);
  }
}
export class HasAttr extends Node implements T.HasAttr {
  readonly kind = "HasAttr";
  readonly uses: number;
  constructor(readonly target: T.Expr, readonly path: readonly T.AttrKey[]) {
    super();
    this.uses = usesOf(target) | usesOfPath(path);
  }
}
export class BinOp extends Node implements T.BinOp {
  readonly kind = "BinOp";
  readonly uses: number;
  constructor(readonly op: T.BinaryOperator, readonly left: T.Expr, readonly right: T.Expr) {
    super();
    this.uses = usesOf(left) | usesOf(right);
  }
}
export class Not extends Node implements T.Not {
  readonly kind = "Not";
  readonly uses: number;
  constructor(readonly expr: T.Expr) {
    super();
    this.uses = usesOf(expr);
  }
}
export class Neg extends Node implements T.Neg {
  readonly kind = "Neg";
  readonly uses: number;
  constructor(readonly expr: T.Expr) {
    super();
    this.uses = usesOf(expr);
  }
}

/**
 * What the printer remembers of a binding it has laid out: that it has (`SEEN`), and once it
 * meets the binding a second time — a constant that emitters share between files — its lines at
 * one indentation. Nodes never change, so the text never goes stale.
 */
export type PrintMemo = typeof SEEN | TextMemo | undefined;
export const SEEN = 1;

export interface TextMemo {
  readonly ind: string;
  readonly text: string;
  /**
   * Shared constants often stand together (a service's hardening): the bindings that followed
   * this one, each with text at the same indentation, and the lines of them all with this one,
   * comments and blank lines included.
   */
  run: { readonly next: readonly T.Binding[]; readonly text: string } | undefined;
}

/** Trivia fields are always present (possibly undefined), so that every binding has one shape. */
export class Assign extends Node implements T.Assign {
  readonly kind = "Assign";
  readonly blankBefore: boolean | undefined;
  readonly comments: readonly string[] | undefined;
  /** The printer's memo (print/direct.ts), not part of the node's value. */
  memo: PrintMemo = undefined;
  readonly uses: number;
  constructor(readonly path: readonly T.AttrKey[], readonly value: T.Expr, trivia: T.Trivia | undefined) {
    super();
    this.blankBefore = trivia?.blankBefore;
    this.comments = trivia?.comments;
    this.uses = usesOfPath(path) | usesOf(value);
  }
}
export class Inherit extends Node implements T.Inherit {
  readonly kind = "Inherit";
  readonly blankBefore: boolean | undefined;
  readonly comments: readonly string[] | undefined;
  readonly uses: number;
  constructor(readonly names: readonly string[], readonly from: T.Expr | undefined, trivia: T.Trivia | undefined) {
    super();
    this.blankBefore = trivia?.blankBefore;
    this.comments = trivia?.comments;
    // `inherit (x) a;` refers to x alone; `inherit a;` refers to a.
    let uses = from ? usesOf(from) : 0;
    if (!from) for (const name of names) uses |= argBit(name);
    this.uses = uses;
  }
}
export class Formals extends Node implements T.Formals {
  readonly kind = "Formals";
  readonly uses: number;
  constructor(readonly formals: readonly T.Formal[], readonly ellipsis: boolean, readonly bind: T.Formals["bind"] | undefined) {
    super();
    let uses = 0;
    for (const f of formals) if (f.default) uses |= usesOf(f.default);
    this.uses = uses;
  }
}

/** A list item with its trivia: not a `Node`, since it is never a value of its own. */
export class Item implements T.ListItem {
  readonly blankBefore: boolean | undefined;
  readonly comments: readonly string[] | undefined;
  constructor(readonly value: T.Expr, trivia: T.Trivia | undefined) {
    this.blankBefore = trivia?.blankBefore;
    this.comments = trivia?.comments;
  }
}
