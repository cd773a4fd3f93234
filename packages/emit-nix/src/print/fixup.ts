/**
 * Normalisation before layout, as nixfmt does it (`fixup` in Predoc.hs): nests are resolved
 * into per-text depths, adjacent spacings merge, adjacent texts join, and hard spacings and
 * comments move out of group edges so that they don't force a group to expand.
 */
import { type Doc, type LayoutEl, type Spacing, type TextEl, Sp, GroupKind, TextKind, isDocArray, isHardSpacing } from "./doc.ts";

type El = LayoutEl;

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

/**
 * Flattens the doc tree (nest wrappers become absolute depths on each text) and applies
 * nixfmt's `fixup` in the same pass. Elements stream into `out`, merging with its last
 * element where nixfmt would merge them with their neighbour.
 */
export function normalize(doc: Doc, depth = 0, off = 0, out: El[] = []): El[] {
  if (isDocArray(doc)) {
    for (let i = 0; i < doc.length; i++) normalize(doc[i]!, depth, off, out);
  } else if (doc.t === "nest") normalize(doc.doc, depth + doc.by, off + doc.off, out);
  else if (doc.t === "group") normalizeGroup(doc.kind, doc.doc, depth, off, out);
  else if (doc.t === "text") push(out, depth === 0 && off === 0 ? doc : text(doc, doc.s, doc.w, depth, off));
  else if (doc.t === "block") out.push({ ...doc, nest: doc.nest + depth, off: doc.off + off });
  else push(out, doc);
  return out;
}

const text = (e: TextEl, s: string, w: number, depth: number, off: number): TextEl => ({ t: "text", nest: e.nest + depth, off: e.off + off, kind: e.kind, s, w });

function push(out: El[], e: El): void {
  const last = out[out.length - 1];
  if (last === undefined) out.push(e);
  else if (e.t === "sp" && last.t === "sp") {
    if (e.sp === last.sp && e.sp !== Sp.Newlines) return;
    const m = mergeSpacing(last, e);
    out[out.length - 1] = m.sp === last.sp && m.n === last.n ? last : { t: "sp", sp: m.sp, n: m.n };
  } else if (e.t === "text" && last.t === "text" && last.kind === e.kind) {
    out[out.length - 1] = text(last, last.s + e.s, last.w + e.w, 0, 0);
  } else out.push(e);
}

/**
 * A group: a hard space just before it moves inside (nixfmt merges it with the group's own
 * leading spacing); then leading hard spacing and comments move out before it, trailing hard
 * spacing after it, and an emptied group dissolves.
 */
function normalizeGroup(kind: GroupKind, doc: Doc, depth: number, off: number, out: El[]): void {
  const inner: El[] = [];
  const last = out[out.length - 1];
  if (last?.t === "sp" && last.sp === Sp.Hardspace) inner.push(out.pop()!);
  normalize(doc, depth, off, inner);
  let i = 0;
  while (i < inner.length && (isHardSpacing(inner[i]!) || isCommentEl(inner[i]!))) i++;
  let j = inner.length;
  while (j > i && isHardSpacing(inner[j - 1]!)) j--;
  for (let k = 0; k < i; k++) push(out, inner[k]!);
  if (j > i) {
    const only = inner[i]!;
    const whole = i === 0 && j === inner.length;
    const body = j - i === 1 && only.t === "group" && only.kind === kind ? only.doc : whole ? inner : inner.slice(i, j);
    out.push({ t: "group", kind, doc: body });
  }
  for (let k = j; k < inner.length; k++) push(out, inner[k]!);
}
