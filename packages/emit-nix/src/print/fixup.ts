/**
 * Normalisation before layout, as nixfmt does it (`fixup` in Predoc.hs): nests are resolved
 * into per-text depths, adjacent spacings merge, adjacent texts join, and hard spacings and
 * comments move out of group edges so that they don't force a group to expand.
 */
import { type Doc, type LayoutEl, type Spacing, type TextEl, Sp, GroupKind, TextKind, isDocArray, isHardSpacing } from "./doc.ts";

type El = LayoutEl;

/** Flattens the doc tree, replacing nest wrappers by absolute depths on every text. */
export function resolveNests(doc: Doc, depth = 0, off = 0, out: El[] = []): El[] {
  for (const e of doc) {
    if (isDocArray(e)) resolveNests(e, depth, off, out);
    else if (e.t === "nest") resolveNests(e.doc, depth + e.by, off + e.off, out);
    else if (e.t === "group") out.push({ t: "group", kind: e.kind, doc: resolveNests(e.doc, depth, off) });
    else if (e.t === "text" && (depth !== 0 || off !== 0)) out.push({ ...e, nest: e.nest + depth, off: e.off + off });
    else out.push(e);
  }
  return out;
}

interface Merged {
  sp: Spacing;
  n: number;
}

/** Two adjacent spacings become one: the larger wins, with a few combinations of their own. */
export function mergeSpacing(a: Merged, b: Merged): Merged {
  const [x, y] = a.sp > b.sp || (a.sp === b.sp && a.n > b.n) ? [b, a] : [a, b];
  if (x.sp === Sp.Break && (y.sp === Sp.Softspace || y.sp === Sp.Hardspace)) return { sp: Sp.Space, n: 0 };
  if (x.sp === Sp.Softbreak && y.sp === Sp.Hardspace) return { sp: Sp.Softspace, n: 0 };
  if (y.sp === Sp.Newlines) {
    if (x.sp === Sp.Newlines) return { sp: Sp.Newlines, n: x.n + y.n };
    if (x.sp === Sp.Emptyline) return { sp: Sp.Newlines, n: y.n + 2 };
    if (x.sp === Sp.Hardspace) return y;
    return { sp: Sp.Newlines, n: y.n + 1 };
  }
  return y;
}

const isCommentEl = (e: El): boolean =>
  (e.t === "text" && e.kind === TextKind.Comment) ||
  (e.t === "group" && e.doc.every((x) => isCommentEl(x) || isHardSpacing(x)));

function simplifyGroup(kind: GroupKind, body: El[]): El[] {
  const only = body[0];
  return body.length === 1 && only?.t === "group" && only.kind === kind ? [...only.doc] : body;
}

/** Splits a fixed-up group body into leading trivia, the body proper, and trailing hard spacing. */
function splitEdges(kind: GroupKind, inner: El[]): { pre: El[]; body: El[]; post: El[] } {
  let i = 0;
  while (i < inner.length && (isHardSpacing(inner[i]!) || isCommentEl(inner[i]!))) i++;
  let j = inner.length;
  while (j > i && isHardSpacing(inner[j - 1]!)) j--;
  return { pre: inner.slice(0, i), body: simplifyGroup(kind, inner.slice(i, j)), post: inner.slice(j) };
}

/** `fixup` over a doc whose nests are already resolved. */
export function fixup(doc: readonly El[]): El[] {
  const out: El[] = [];
  // Work list, reversed, so that rules can push elements back onto its front.
  const todo: El[] = [...doc].reverse();
  while (todo.length > 0) {
    const a = todo.pop()!;
    const b = todo[todo.length - 1];
    if (a.t === "sp" && b?.t === "sp") {
      todo.pop();
      const m = mergeSpacing(a, b);
      todo.push({ t: "sp", sp: m.sp, n: m.n });
    } else if (a.t === "text" && b?.t === "text" && a.kind === b.kind) {
      todo.pop();
      todo.push({ ...a, s: a.s + b.s } satisfies TextEl);
    } else if (a.t === "sp" && a.sp === Sp.Hardspace && b?.t === "group") {
      todo.pop();
      todo.push({ t: "group", kind: b.kind, doc: [a, ...b.doc] });
    } else if (a.t === "sp" && b?.t === "group") {
      todo.pop();
      emitGroup(b, [a], out, todo);
    } else if (a.t === "group") {
      emitGroup(a, [], out, todo);
    } else {
      out.push(a);
    }
  }
  return out;
}

function emitGroup(g: El & { t: "group" }, before: El[], out: El[], todo: El[]): void {
  const { pre, body, post } = splitEdges(g.kind, fixup(g.doc));
  if (body.length === 0) {
    for (const e of [...before, ...pre, ...post].reverse()) todo.push(e);
    return;
  }
  out.push(...fixup([...before, ...pre]), { t: "group", kind: g.kind, doc: body });
  for (const e of [...post].reverse()) todo.push(e);
}
