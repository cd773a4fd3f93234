/**
 * Which expressions nixfmt lets "absorb" into the line before them (`{`, `[`, `''` and friends
 * start on the current line and end on their own), and the predicates that go with it.
 */
import { type Param, type S, hasPre } from "./syntax.ts";

/** Lists and sets whose brackets nixfmt would find on different source lines: they hold comments. */
export const hasTriviaItems = (items: { k: string }[]): boolean => items.some((i) => i.k === "comments");

export function isAbsorbable(t: S): boolean {
  switch (t.k) {
    case "istr":
      return t.lines.length >= 2;
    case "set":
    case "list":
      // Empty ones too when a comment precedes the bracket.
      return t.items.length > 0 || (t.k === "list" || !t.rec ? (t.pre ?? []).length > 0 : false);
    case "paren":
      return !t.pre?.length && !hasPre(t.e) && isAbsorbable(t.e);
    default:
      return false;
  }
}

/** ≤ 2 formals without defaults (plus `...`) may share one line. */
export function canFlattenAttrs(p: Param & { k: "set" }): boolean {
  return p.attrs.length <= 2 && p.attrs.every((a) => a.def === undefined);
}

export function isAbsorbableExpr(e: S): boolean {
  switch (e.k) {
    case "with":
      return isAbsorbable(e.body);
    case "abs":
      if (e.param.k === "id") return e.body.k === "abs" ? isAbsorbableExpr(e.body) : isAbsorbable(e.body);
      return e.param.k === "set" && canFlattenAttrs(e.param) && !e.param.pre?.length && !e.bodyBelow && isAbsorbableExpr(e.body);
    default:
      return isAbsorbable(e);
  }
}

/** Short, single-token-ish expressions that nixfmt keeps on one line inside calls and strings. */
export function isSimple(e: S): boolean {
  switch (e.k) {
    case "str":
    case "istr":
    case "path":
      return !e.pre?.length;
    case "tok":
      return !e.pre?.length && e.tok !== "keyword";
    case "sel":
      return isSimple(e.t) && e.sels.every((s) => s.k === "id") && e.def === undefined;
    case "paren":
      return !e.pre?.length && isSimple(e.e);
    case "app":
      return !(e.f.k === "app" && e.f.f.k === "app") && isSimple(e.f) && isSimple(e.a);
    default:
      return false;
  }
}
