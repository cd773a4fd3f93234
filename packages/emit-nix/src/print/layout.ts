/**
 * The width-aware renderer: nixfmt's greedy layout (`layoutGreedy` in Predoc.hs). A group is
 * printed on one line when it fits together with what must follow it up to the next possible
 * break; otherwise its priority children are tried expanded first (last one first), and only
 * then is the group expanded as a whole. Indentation follows nixfmt's indent stack: several
 * nests opened on one line indent the next line by one step only.
 */
import { type BlockEl, type Doc, type FlatGroupEl, type LayoutEl, Sp, GroupKind, TextKind, textWidth } from "./doc.ts";
import { mergeSpacing, normalize } from "./fixup.ts";

type El = LayoutEl;
type GroupEl = FlatGroupEl;

/** What follows the element being laid out: a chain of slices, read lazily. */
interface Rest {
  readonly doc: readonly El[];
  readonly i: number;
  readonly next: Rest | null;
}

const cons = (doc: readonly El[], i: number, next: Rest | null): Rest | null =>
  i < doc.length ? { doc, i, next } : next;

function head(rest: Rest | null): [El, Rest | null] | null {
  if (rest === null) return null;
  return [rest.doc[rest.i]!, cons(rest.doc, rest.i + 1, rest.next)];
}

/** Next element with groups flattened and adjacent spacings merged (nixfmt's `fits` view). */
function headFlat(rest: Rest | null): [El, Rest | null] | null {
  let h = head(rest);
  while (h !== null && h[0].t === "group") h = head(cons(h[0].doc, 0, h[1]));
  if (h === null || h[0].t !== "sp") return h;
  let [e, tail] = h;
  for (let n = headFlatNoMerge(tail); n !== null && n[0].t === "sp" && e.t === "sp"; n = headFlatNoMerge(tail)) {
    const m = mergeSpacing(e, n[0]);
    e = { t: "sp", sp: m.sp, n: m.n };
    tail = n[1];
  }
  return [e, tail];
}

function headFlatNoMerge(rest: Rest | null): [El, Rest | null] | null {
  let h = head(rest);
  while (h !== null && h[0].t === "group") h = head(cons(h[0].doc, 0, h[1]));
  return h;
}

/** Columns of the last string `fits` returned. */
let fitCols = 0;

/** The one-line rendering of `doc` if it fits in `width` columns, else null. */
function fits(width: number, doc: Rest | null): string | null {
  let c = width;
  let s = "";
  let cols = 0;
  for (let h = headFlat(doc); ; h = headFlat(h[1])) {
    if (c < 0) return null;
    if (h === null) {
      fitCols = cols;
      return s;
    }
    const e = h[0];
    if (e.t === "text") {
      if (e.kind === TextKind.Regular) {
        c -= e.w;
        cols += e.w;
        s += e.s;
      } else if (e.kind === TextKind.Comment) {
        cols += e.w;
        s += e.s;
      }
    } else if (e.t === "block") {
      return null;
    } else if (e.t === "sp") {
      if (e.sp >= Sp.Hardline) return null;
      if (e.sp === Sp.Hardspace || e.sp === Sp.Softspace || e.sp === Sp.Space) {
        c -= 1;
        cols += 1;
        s += " ";
      }
    }
  }
}

/** Width of the first line of `rest` when every possible break is taken. */
function firstLineWidth(rest: Rest | null): number {
  let w = 0;
  for (let h = headFlat(rest); h !== null; h = headFlat(h[1])) {
    const e = h[0];
    if (e.t === "text") {
      if (e.kind === TextKind.Regular || e.kind === TextKind.Trailing) w += e.w;
    } else if (e.t === "block") {
      return w + textWidth(e.lines[0]!);
    } else if (e.t === "sp") {
      if (e.sp !== Sp.Hardspace) return w;
      w += 1;
    }
  }
  return w;
}

/** Whether the first line of `rest` fits `target` columns, keeping groups that fit whole. */
function firstLineFits(target: number, max: number, rest: Rest | null): boolean {
  let c = max;
  let cur = rest;
  for (;;) {
    if (c < 0) return false;
    let h = head(cur);
    if (h === null) return max - c <= target;
    let e = h[0];
    while (e.t === "sp" && h[1] !== null && h[1].doc[h[1].i]!.t === "sp") {
      const n: [El, Rest | null] = head(h[1])!;
      const m = mergeSpacing(e, n[0] as El & { t: "sp" });
      e = { t: "sp", sp: m.sp, n: m.n };
      h = [e, n[1]];
    }
    cur = h[1];
    if (e.t === "text") {
      if (e.kind === TextKind.Regular) c -= e.w;
    } else if (e.t === "block") {
      c -= textWidth(e.lines[0]!);
      return c >= 0 && max - c <= target;
    } else if (e.t === "sp") {
      if (e.sp !== Sp.Hardspace) return max - c <= target;
      c -= 1;
    } else if (e.t === "group") {
      const t = fits(c - firstLineWidth(cur), cons(e.doc, 0, null));
      if (t === null) cur = cons(e.doc, 0, cur);
      else c -= fitCols;
    }
  }
}

/** Depth and offset of the first text in `rest`. */
function nextIndent(rest: Rest | null): [number, number] {
  for (let h = headFlatNoMerge(rest); h !== null; h = headFlatNoMerge(h[1])) {
    if (h[0].t === "text" || h[0].t === "block") return [h[0].nest, h[0].off];
  }
  return [0, 0];
}

interface State {
  /** column within the line, not counting indentation; 0 means at a line start */
  cc: number;
  /** indent stack of [indent columns, nest depth] */
  indents: [number, number][];
  out: string[];
}

const snapshot = (st: State) => ({ cc: st.cc, indents: st.indents.map((x) => [...x] as [number, number]), len: st.out.length });
function restore(st: State, s: ReturnType<typeof snapshot>): void {
  st.cc = s.cc;
  st.indents = s.indents;
  st.out.length = s.len;
}

/** nixfmt's defaults, which direct layout (direct.ts, whole.ts) assumes too. */
export const WIDTH = 100;
const INDENT = 2;

export function layout(doc: Doc): string {
  const st: State = { cc: 0, indents: [[0, 0]], out: [] };

  const putText = (depth: number, off: number, s: string, w: number): void => {
    for (;;) {
      const [ci, nl] = st.indents[st.indents.length - 1]!;
      if (depth > nl) {
        st.indents.push([st.cc === 0 ? ci + INDENT : ci, depth]);
        break;
      }
      if (depth < nl) st.indents.pop();
      else break;
    }
    const ci = st.indents[st.indents.length - 1]![0];
    st.out.push(st.cc === 0 ? " ".repeat(ci + off) + s : s);
    st.cc += w;
  };
  /** The first line like a text; the others re-indented by where the first one landed. */
  const putBlock = (b: BlockEl): void => {
    putText(b.nest, b.off, b.lines[0]!, textWidth(b.lines[0]!));
    const indent = " ".repeat(st.indents[st.indents.length - 1]![0] + b.off);
    for (let i = 1; i < b.lines.length; i++) {
      const l = b.lines[i]!;
      st.out.push(l === "" ? "\n" : `\n${indent}${l}`);
    }
    st.cc = Math.max(1, textWidth(b.lines[b.lines.length - 1]!));
  };
  const newlines = (n: number): void => {
    st.cc = 0;
    st.out.push("\n".repeat(n));
  };

  const go = (doc: readonly El[], rest: Rest | null): void => {
    for (let i = 0; i < doc.length; i++) goOne(doc[i]!, cons(doc, i + 1, rest));
  };

  const goOne = (e: El, rest: Rest | null): void => {
    if (e.t === "text") putText(e.nest, e.off, e.s, e.w);
    else if (e.t === "block") putBlock(e);
    else if (e.t === "sp") spacing(e.sp, e.n, rest);
    else if (e.t === "group") groupOne(e, rest);
  };

  const spacing = (sp: number, n: number, rest: Rest | null): void => {
    // At a line start, leading whitespace would only add empty lines.
    if (st.cc === 0) return;
    if (sp === Sp.Hardspace) {
      st.out.push(" ");
      st.cc += 1;
    } else if (sp === Sp.Emptyline) newlines(2);
    else if (sp === Sp.Newlines) newlines(n);
    else if (sp === Sp.Softbreak) {
      if (!firstLineFits(WIDTH - st.cc, WIDTH, rest)) newlines(1);
    } else if (sp === Sp.Softspace) {
      if (firstLineFits(WIDTH - st.cc - 1, WIDTH, rest)) {
        st.out.push(" ");
        st.cc += 1;
      } else newlines(1);
    } else newlines(1);
  };

  const groupOne = (g: GroupEl, rest: Rest | null): void => {
    if (tryGroup(g.doc, rest)) return;
    if (g.kind !== GroupKind.Transparent) {
      for (const triple of priorityGroups(g.doc).reverse()) {
        const saved = snapshot(st);
        if (tryPriority(triple, rest)) return;
        restore(st, saved);
      }
    }
    go(g.doc, rest);
  };

  /** Puts the whole group on the current line if it fits; leaves the state untouched if not. */
  const tryGroup = (grp: readonly El[], rest: Rest | null): boolean => {
    if (grp.length === 0) return true;
    if (st.cc === 0) {
      const trimmed = dropLeadingSpacing(grp);
      const t = fits(WIDTH - firstLineWidth(rest), cons(trimmed, 0, null));
      if (t === null) return false;
      const [depth, off] = nextIndent(cons(trimmed, 0, null));
      putText(depth, off, t, fitCols);
      return true;
    }
    const t = fits(WIDTH - st.cc - firstLineWidth(rest), cons(grp, 0, null));
    if (t === null) return false;
    st.out.push(t);
    st.cc += fitCols;
    return true;
  };

  const tryPriority = ([pre, prio, post]: Triple, rest: Rest | null): boolean => {
    if (!tryGroup(pre, cons(prio, 0, cons(post, 0, rest)))) return false;
    go(prio, cons(unexpand(post), 0, rest));
    return tryGroup(post, rest);
  };

  go([{ t: "group", kind: GroupKind.Regular, doc: normalize(doc) }], null);
  return st.out.join("").trim() + "\n";
}

function dropLeadingSpacing(grp: readonly El[]): readonly El[] {
  const [first, ...tail] = grp;
  if (first?.t === "sp") return tail;
  if (first?.t === "group" && first.doc[0]?.t === "sp") return [{ ...first, doc: first.doc.slice(1) }, ...tail];
  return grp;
}

/** Non-recursive compaction of `post` for the priority attempt (nixfmt's `unexpandSpacing`). */
function unexpand(doc: readonly El[]): El[] {
  const out: El[] = [];
  for (const e of doc) {
    if (e.t === "sp" && (e.sp === Sp.Space || e.sp === Sp.Softspace)) out.push({ t: "sp", sp: Sp.Hardspace, n: 0 });
    else if (e.t === "sp" && (e.sp === Sp.Break || e.sp === Sp.Softbreak)) continue;
    else out.push(e);
  }
  return out;
}

type Triple = [pre: El[], prio: El[], post: El[]];

/** Every priority child (looking through transparent groups) with what precedes and follows it. */
function priorityGroups(doc: readonly El[]): Triple[] {
  const segments: [boolean, El[]][] = [];
  const collect = (d: readonly El[]): void => {
    for (const e of d) {
      if (e.t === "group" && e.kind === GroupKind.Priority) segments.push([true, [...e.doc]]);
      else if (e.t === "group" && e.kind === GroupKind.Transparent) collect(e.doc);
      else {
        const last = segments[segments.length - 1];
        if (last !== undefined && !last[0]) last[1].push(e);
        else segments.push([false, [e]]);
      }
    }
  };
  collect(doc);
  const triples: Triple[] = [];
  segments.forEach(([isPrio, content], i) => {
    if (!isPrio) return;
    const before = segments.slice(0, i).flatMap((s) => s[1]);
    const after = segments.slice(i + 1).flatMap((s) => s[1]);
    triples.push([before, content, after]);
  });
  return triples;
}
