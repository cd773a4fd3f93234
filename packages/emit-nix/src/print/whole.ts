/**
 * Direct layout of a whole file in the shapes modules have: a set, a `let … in` set, or
 * `{ args, ... }:` with a blank line before such a body. Their outer layout is fixed in nixfmt
 * (every piece starts a line), so the file is written out line by line and each binding goes
 * through direct.ts. Any other shape returns null and is printed by the doc engine, which
 * gives the same bytes (compared on random ASTs by the printer tests).
 */
import type { Binding, Expr, Lambda, NixFile } from "../ast/nodes.ts";
import { type Out, bindingsLines, directLayout, flatString, formalsLines, moreLinesThan, triviaLines } from "./direct.ts";
import { hasTrivia } from "./syntax.ts";

/** The printed file, or null when its shape is left to the doc engine. */
export function directFile(file: NixFile): string | null {
  if (!directLayout()) return null;
  const out: Out = { s: "" };
  triviaLines({ comments: file.header }, "", out);
  return body(file.body, out) ? flatString(out.s) : null;
}

function body(e: Expr, out: Out): boolean {
  if (e.kind === "AttrSet") return set(e.rec, e.bindings, out);
  if (e.kind === "Let") return letIn(e.bindings, e.body, out);
  if (e.kind === "Lambda") return lambda(e, out);
  return false;
}

/**
 * `{` … `}` with the bindings on their own lines. nixfmt always opens a set of two bindings or
 * more; a single binding opens it when the binding itself takes several lines (then the set
 * cannot fit on one line either).
 */
function set(rec: boolean, bs: readonly Binding[], out: Out): boolean {
  if (bs.length === 0 || hasTrivia(bs[0]!)) return false;
  const open = rec ? "rec {\n" : "{\n";
  if (bs.length === 1) {
    const one: Out = { s: "" };
    bindingsLines(bs, "  ", one);
    if (!moreLinesThan(one.s, 1)) return false;
    out.s = out.s + open + one.s + "}\n";
    return true;
  }
  out.s += open;
  bindingsLines(bs, "  ", out);
  out.s += "}\n";
  return true;
}

function letIn(bs: readonly Binding[], e: Expr, out: Out): boolean {
  if (bs.length === 0 || hasTrivia(bs[0]!) || e.kind !== "AttrSet") return false;
  const mark = out.s;
  out.s += "let\n";
  bindingsLines(bs, "  ", out);
  out.s += "in\n";
  if (set(e.rec, e.bindings, out)) return true;
  out.s = mark;
  return false;
}

/** `{ a, b, ... }:` (see `formalsLines`), then the body below a blank line or comments. */
function lambda(e: Lambda, out: Out): boolean {
  const p = e.param;
  const t = e.bodyTrivia;
  if (p.kind !== "Formals" || p.bind !== undefined || t === undefined || !hasTrivia(t)) return false;
  if (e.body.kind !== "AttrSet" && e.body.kind !== "Let") return false;
  const mark = out.s;
  if (!formalsLines(p, "", out)) return false;
  triviaLines(t, "", out);
  if (body(e.body, out)) return true;
  out.s = mark;
  return false;
}
