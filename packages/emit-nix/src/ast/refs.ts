/** The names an expression refers to, for headers derived from what a body uses. */
import type { AttrKey, Binding, Expr } from "./nodes.ts";

/**
 * Every identifier `expr` refers to, bound or not: `x`, the head of `x.a.b`, `inherit x;`.
 * Binding forms are not tracked, so a name both bound and used inside counts as used.
 */
export function referencedNames(expr: Expr): Set<string> {
  const names = new Set<string>();
  visit(expr, names);
  return names;
}

function keys(path: readonly AttrKey[], names: Set<string>): void {
  for (const k of path) if (typeof k !== "string") visit(k.interp, names);
}

function bindings(bs: readonly Binding[], names: Set<string>): void {
  for (const b of bs) {
    if (b.kind === "Assign") {
      keys(b.path, names);
      visit(b.value, names);
    } else if (b.from) visit(b.from, names);
    else for (const name of b.names) names.add(name);
  }
}

function visit(e: Expr, names: Set<string>): void {
  switch (e.kind) {
    case "Ident":
      names.add(e.name);
      return;
    case "Int": case "Float": case "Bool": case "Null": case "Path": case "SearchPath":
      return;
    case "Str": case "IndentedStr":
      for (const p of e.parts) if (typeof p !== "string") visit(p, names);
      return;
    case "List":
      for (const item of e.items) visit(item.value, names);
      return;
    case "AttrSet":
      bindings(e.bindings, names);
      return;
    case "Let":
      bindings(e.bindings, names);
      visit(e.body, names);
      return;
    case "With":
      visit(e.scope, names);
      visit(e.body, names);
      return;
    case "If":
      visit(e.cond, names);
      visit(e.then, names);
      visit(e.else, names);
      return;
    case "Assert":
      visit(e.cond, names);
      visit(e.body, names);
      return;
    case "Lambda":
      if (e.param.kind === "Formals") for (const f of e.param.formals) if (f.default) visit(f.default, names);
      visit(e.body, names);
      return;
    case "Apply":
      visit(e.fn, names);
      for (const a of e.args) visit(a, names);
      return;
    case "Select":
      visit(e.target, names);
      keys(e.path, names);
      if (e.orDefault) visit(e.orDefault, names);
      return;
    case "HasAttr":
      visit(e.target, names);
      keys(e.path, names);
      return;
    case "BinOp":
      visit(e.left, names);
      visit(e.right, names);
      return;
    case "Not": case "Neg":
      visit(e.expr, names);
      return;
    default:
      e satisfies never;
  }
}
