/**
 * The typed Nix AST. Nodes are immutable objects discriminated by `kind` and built only
 * through the `n.*` factories (build.ts). There is no parenthesis node: the printer adds
 * parentheses where Nix's precedence requires them.
 */

export type Expr =
  | Ident
  | Int
  | Float
  | Bool
  | Null
  | Path
  | SearchPath
  | Str
  | IndentedStr
  | List
  | AttrSet
  | Let
  | With
  | If
  | Assert
  | Lambda
  | Apply
  | Select
  | HasAttr
  | BinOp
  | Not
  | Neg;

/** Comments and blank lines before a binding, a list item, or a lambda body. */
export interface Trivia {
  /** comment lines, without the leading `#` */
  readonly comments?: readonly string[];
  /** a blank line before this element */
  readonly blankBefore?: boolean;
}

export interface Ident {
  readonly kind: "Ident";
  readonly name: string;
}
export interface Int {
  readonly kind: "Int";
  readonly value: bigint;
}
export interface Float {
  readonly kind: "Float";
  readonly value: number;
}
export interface Bool {
  readonly kind: "Bool";
  readonly value: boolean;
}
export interface Null {
  readonly kind: "Null";
}
/** A path literal such as `./disko.nix` or `../../apps/myapp`. */
export interface Path {
  readonly kind: "Path";
  readonly path: string;
}
/** `<nixpkgs>` */
export interface SearchPath {
  readonly kind: "SearchPath";
  readonly path: string;
}
/** Text with interpolations, printed as `"..."`. */
export interface Str {
  readonly kind: "Str";
  readonly parts: readonly (string | Expr)[];
}
/** Text with interpolations, printed as an indented `''...''` string. */
export interface IndentedStr {
  readonly kind: "IndentedStr";
  readonly parts: readonly (string | Expr)[];
}
export interface ListItem extends Trivia {
  readonly value: Expr;
}
export interface List {
  readonly kind: "List";
  readonly items: readonly ListItem[];
}
/** An attribute name: a plain string (quoted only when it must be) or `${expr}`. */
export type AttrKey = string | { readonly interp: Expr };
export interface Assign extends Trivia {
  readonly kind: "Assign";
  readonly path: readonly AttrKey[];
  readonly value: Expr;
}
export interface Inherit extends Trivia {
  readonly kind: "Inherit";
  readonly from?: Expr;
  readonly names: readonly string[];
}
export type Binding = Assign | Inherit;
export interface AttrSet {
  readonly kind: "AttrSet";
  readonly rec: boolean;
  readonly bindings: readonly Binding[];
}
export interface Let {
  readonly kind: "Let";
  readonly bindings: readonly Binding[];
  readonly body: Expr;
}
export interface With {
  readonly kind: "With";
  readonly scope: Expr;
  readonly body: Expr;
}
export interface If {
  readonly kind: "If";
  readonly cond: Expr;
  readonly then: Expr;
  readonly else: Expr;
}
export interface Assert {
  readonly kind: "Assert";
  readonly cond: Expr;
  readonly body: Expr;
}
export interface Formal {
  readonly name: string;
  readonly default?: Expr;
}
/** `{ a, b ? 1, ... }` with an optional `@ name` binding before or after the braces. */
export interface Formals {
  readonly kind: "Formals";
  readonly formals: readonly Formal[];
  readonly ellipsis: boolean;
  readonly bind?: { readonly name: string; readonly position: "before" | "after" };
}
export interface Lambda {
  readonly kind: "Lambda";
  readonly param: Ident | Formals;
  readonly body: Expr;
  /** trivia before the body, e.g. the blank line after a module's argument set */
  readonly bodyTrivia?: Trivia;
}
/** `fn a b c`: one node for the whole chain of arguments. */
export interface Apply {
  readonly kind: "Apply";
  readonly fn: Expr;
  readonly args: readonly Expr[];
}
export interface Select {
  readonly kind: "Select";
  readonly target: Expr;
  readonly path: readonly AttrKey[];
  readonly orDefault?: Expr;
}
export interface HasAttr {
  readonly kind: "HasAttr";
  readonly target: Expr;
  readonly path: readonly AttrKey[];
}
export type BinaryOperator = "++" | "//" | "+" | "-" | "*" | "/" | "==" | "!=" | "<" | ">" | "<=" | ">=" | "&&" | "||" | "->" | "|>" | "<|";
export interface BinOp {
  readonly kind: "BinOp";
  readonly op: BinaryOperator;
  readonly left: Expr;
  readonly right: Expr;
}
export interface Not {
  readonly kind: "Not";
  readonly expr: Expr;
}
export interface Neg {
  readonly kind: "Neg";
  readonly expr: Expr;
}

/** A whole `.nix` file: header comment lines, then one expression. */
export interface NixFile {
  readonly header: readonly string[];
  readonly body: Expr;
}
