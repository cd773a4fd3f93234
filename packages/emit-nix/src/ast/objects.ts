/**
 * The runtime objects behind the node types of nodes.ts: one small class per kind, created only
 * by the `n.*` factories (build.ts). Being an instance of `Node` is what tells a node from a
 * plain JS value in `n.from` — a config's own object may well have a `kind` key. Fields are
 * `readonly` by type; the objects are not frozen at run time, because freezing every node cost
 * about a sixth of emitting a large config.
 */
import type * as T from "./nodes.ts";

/** The common base of every expression, binding and parameter node. */
export abstract class Node {}

export const isNode = (v: unknown): v is T.Expr => v instanceof Node;

export class Ident extends Node implements T.Ident {
  readonly kind = "Ident";
  constructor(readonly name: string) { super(); }
}
export class Int extends Node implements T.Int {
  readonly kind = "Int";
  constructor(readonly value: bigint) { super(); }
}
export class Float extends Node implements T.Float {
  readonly kind = "Float";
  constructor(readonly value: number) { super(); }
}
export class Bool extends Node implements T.Bool {
  readonly kind = "Bool";
  constructor(readonly value: boolean) { super(); }
}
export class Null extends Node implements T.Null {
  readonly kind = "Null";
}
export class Path extends Node implements T.Path {
  readonly kind = "Path";
  constructor(readonly path: string) { super(); }
}
export class SearchPath extends Node implements T.SearchPath {
  readonly kind = "SearchPath";
  constructor(readonly path: string) { super(); }
}
export class Str extends Node implements T.Str {
  readonly kind = "Str";
  constructor(readonly parts: readonly (string | T.Expr)[]) { super(); }
}
export class IndentedStr extends Node implements T.IndentedStr {
  readonly kind = "IndentedStr";
  constructor(readonly parts: readonly (string | T.Expr)[]) { super(); }
}
export class List extends Node implements T.List {
  readonly kind = "List";
  constructor(readonly items: readonly T.ListItem[]) { super(); }
}
export class AttrSet extends Node implements T.AttrSet {
  readonly kind = "AttrSet";
  constructor(readonly rec: boolean, readonly bindings: readonly T.Binding[]) { super(); }
}
export class Let extends Node implements T.Let {
  readonly kind = "Let";
  constructor(readonly bindings: readonly T.Binding[], readonly body: T.Expr) { super(); }
}
export class With extends Node implements T.With {
  readonly kind = "With";
  constructor(readonly scope: T.Expr, readonly body: T.Expr) { super(); }
}
export class If extends Node implements T.If {
  readonly kind = "If";
  readonly else: T.Expr;
  constructor(readonly cond: T.Expr, readonly then: T.Expr, otherwise: T.Expr) {
    super();
    this.else = otherwise;
  }
}
export class Assert extends Node implements T.Assert {
  readonly kind = "Assert";
  constructor(readonly cond: T.Expr, readonly body: T.Expr) { super(); }
}
export class Lambda extends Node implements T.Lambda {
  readonly kind = "Lambda";
  constructor(readonly param: T.Ident | T.Formals, readonly body: T.Expr, readonly bodyTrivia: T.Trivia | undefined) { super(); }
}
export class Apply extends Node implements T.Apply {
  readonly kind = "Apply";
  constructor(readonly fn: T.Expr, readonly args: readonly T.Expr[]) { super(); }
}
export class Select extends Node implements T.Select {
  readonly kind = "Select";
  constructor(readonly target: T.Expr, readonly path: readonly T.AttrKey[], readonly orDefault: T.Expr | undefined) { super(); }
}
export class HasAttr extends Node implements T.HasAttr {
  readonly kind = "HasAttr";
  constructor(readonly target: T.Expr, readonly path: readonly T.AttrKey[]) { super(); }
}
export class BinOp extends Node implements T.BinOp {
  readonly kind = "BinOp";
  constructor(readonly op: T.BinaryOperator, readonly left: T.Expr, readonly right: T.Expr) { super(); }
}
export class Not extends Node implements T.Not {
  readonly kind = "Not";
  constructor(readonly expr: T.Expr) { super(); }
}
export class Neg extends Node implements T.Neg {
  readonly kind = "Neg";
  constructor(readonly expr: T.Expr) { super(); }
}

/**
 * What the printer remembers of a binding it has laid out: that it has (`SEEN`), and once it
 * meets the binding a second time — a constant that emitters share between files — its lines at
 * one indentation. Nodes never change, so the text never goes stale.
 */
export type PrintMemo = typeof SEEN | { readonly ind: string; readonly text: string } | undefined;
export const SEEN = 1;

/** Trivia fields are always present (possibly undefined), so that every binding has one shape. */
export class Assign extends Node implements T.Assign {
  readonly kind = "Assign";
  readonly blankBefore: boolean | undefined;
  readonly comments: readonly string[] | undefined;
  /** The printer's memo (print/direct.ts), not part of the node's value. */
  memo: PrintMemo = undefined;
  constructor(readonly path: readonly T.AttrKey[], readonly value: T.Expr, trivia: T.Trivia | undefined) {
    super();
    this.blankBefore = trivia?.blankBefore;
    this.comments = trivia?.comments;
  }
}
export class Inherit extends Node implements T.Inherit {
  readonly kind = "Inherit";
  readonly blankBefore: boolean | undefined;
  readonly comments: readonly string[] | undefined;
  constructor(readonly names: readonly string[], readonly from: T.Expr | undefined, trivia: T.Trivia | undefined) {
    super();
    this.blankBefore = trivia?.blankBefore;
    this.comments = trivia?.comments;
  }
}
export class Formals extends Node implements T.Formals {
  readonly kind = "Formals";
  constructor(readonly formals: readonly T.Formal[], readonly ellipsis: boolean, readonly bind: T.Formals["bind"] | undefined) { super(); }
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
