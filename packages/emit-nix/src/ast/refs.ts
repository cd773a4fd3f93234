/** The names an expression refers to, for headers derived from what a body uses. */
import type { AttrKey, Binding, Expr } from "./nodes.ts";

/**
 * Every identifier `expr` refers to, bound or not: `x`, the head of `x.a.b`, `inherit x;`.
 * Binding forms are not tracked, so a name both bound and used inside counts as used.
 */
export function referencedNames(expr: Expr): Set<string> {
  const names = new Set<string>();
  const key = (k: AttrKey): void => {
    if (typeof k !== "string") visit(k.interp);
  };
  const binding = (b: Binding): void => {
    if (b.kind === "Assign") {
      b.path.forEach(key);
      visit(b.value);
    } else if (b.from) visit(b.from);
    else for (const name of b.names) names.add(name);
  };
  const visit = (e: Expr): void => {
    switch (e.kind) {
      case "Ident":
        names.add(e.name);
        return;
      case "Int": case "Float": case "Bool": case "Null": case "Path": case "SearchPath":
        return;
      case "Str": case "IndentedStr":
        for (const p of e.parts) if (typeof p !== "string") visit(p);
        return;
      case "List":
        for (const item of e.items) visit(item.value);
        return;
      case "AttrSet":
        e.bindings.forEach(binding);
        return;
      case "Let":
        e.bindings.forEach(binding);
        visit(e.body);
        return;
      case "With":
        visit(e.scope);
        visit(e.body);
        return;
      case "If":
        visit(e.cond);
        visit(e.then);
        visit(e.else);
        return;
      case "Assert":
        visit(e.cond);
        visit(e.body);
        return;
      case "Lambda":
        if (e.param.kind === "Formals") for (const f of e.param.formals) if (f.default) visit(f.default);
        visit(e.body);
        return;
      case "Apply":
        visit(e.fn);
        e.args.forEach(visit);
        return;
      case "Select":
        visit(e.target);
        e.path.forEach(key);
        if (e.orDefault) visit(e.orDefault);
        return;
      case "HasAttr":
        visit(e.target);
        e.path.forEach(key);
        return;
      case "BinOp":
        visit(e.left);
        visit(e.right);
        return;
      case "Not": case "Neg":
        visit(e.expr);
        return;
      default:
        e satisfies never;
    }
  };
  visit(expr);
  return names;
}
