/**
 * The document layer: a tree of texts, spacings, groups and nests that the layout engine
 * turns into text. The vocabulary is nixfmt's (`src/Nixfmt/Predoc.hs`), because byte-identical
 * output with `nixfmt` needs the same decisions, not merely a similar style.
 */

/** Spacings, ordered as nixfmt orders them: merging two adjacent spacings keeps the larger. */
export const Sp = {
  /** line break or nothing, decided per line (not per group) */
  Softbreak: 0,
  /** line break or nothing, decided by the enclosing group */
  Break: 1,
  /** always one space */
  Hardspace: 2,
  /** line break or space, decided per line */
  Softspace: 3,
  /** line break or space, decided by the enclosing group */
  Space: 4,
  Hardline: 5,
  /** a blank line */
  Emptyline: 6,
  /** `n` line breaks (indented-string lines) */
  Newlines: 7,
} as const;
export type Spacing = (typeof Sp)[keyof typeof Sp];

export const TextKind = { Regular: 0, Comment: 1, Trailing: 2 } as const;
export type TextKind = (typeof TextKind)[keyof typeof TextKind];

export const GroupKind = { Regular: 0, Priority: 1, Transparent: 2 } as const;
export type GroupKind = (typeof GroupKind)[keyof typeof GroupKind];

export interface TextEl {
  readonly t: "text";
  /** nesting depth; only the first nest opened on a line indents the next one */
  readonly nest: number;
  /** extra columns, used inside indented strings */
  readonly off: number;
  readonly kind: TextKind;
  readonly s: string;
  /** columns of `s`, counted once */
  readonly w: number;
}
export interface SpaceEl {
  readonly t: "sp";
  readonly sp: Spacing;
  /** line count, for `Sp.Newlines` only */
  readonly n: number;
}
export interface GroupEl {
  readonly t: "group";
  readonly kind: GroupKind;
  readonly doc: Doc;
}
/** A group after `normalize`: flat content, ready for layout. */
export interface FlatGroupEl {
  readonly t: "group";
  readonly kind: GroupKind;
  readonly doc: readonly LayoutEl[];
}
export type LayoutEl = TextEl | SpaceEl | FlatGroupEl | BlockEl;
/** Lines already laid out at indentation 0, re-indented where they land (see direct.ts). */
export interface BlockEl {
  readonly t: "block";
  readonly nest: number;
  readonly off: number;
  readonly lines: readonly string[];
}
/** Builder-only wrappers, resolved into `TextEl.nest` / `TextEl.off` before layout. */
export interface NestEl {
  readonly t: "nest";
  readonly by: number;
  readonly off: number;
  readonly doc: Doc;
}

export type El = TextEl | SpaceEl | GroupEl | NestEl | BlockEl;
/**
 * A doc is an element or a tree of arrays of docs: concatenation nests arrays instead of
 * copying them, and `normalize` flattens the whole tree once, right before layout.
 */
export type Doc = El | readonly Doc[];

/** Columns taken by `s`: nixfmt counts code points (`Text.length`), not UTF-16 units. */
export function textWidth(s: string): number {
  let w = s.length;
  if (w === 0 || !SURROGATE.test(s)) return w;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) w--;
  }
  return w;
}

const SURROGATE = /[\uD800-\uDBFF]/;

const sp = (s: Spacing, n = 0): SpaceEl => ({ t: "sp", sp: s, n });

export const empty: Doc = [];
export const text = (s: string): Doc => (s === "" ? empty : { t: "text", nest: 0, off: 0, kind: TextKind.Regular, s, w: textWidth(s) });
export const comment = (s: string): Doc => ({ t: "text", nest: 0, off: 0, kind: TextKind.Comment, s, w: textWidth(s) });
/** Text that appears only when its group is expanded (the trailing comma of formals). */
export const trailing = (s: string): Doc => ({ t: "text", nest: 0, off: 0, kind: TextKind.Trailing, s, w: textWidth(s) });
export const softbreak = sp(Sp.Softbreak);
export const lineBreak = sp(Sp.Break);
export const hardspace = sp(Sp.Hardspace);
export const softline = sp(Sp.Softspace);
export const line = sp(Sp.Space);
export const hardline = sp(Sp.Hardline);
export const emptyline = sp(Sp.Emptyline);
export const newline = sp(Sp.Newlines, 1);

export const cat = (...docs: Doc[]): Doc => docs;
export const group = (doc: Doc, kind: GroupKind = GroupKind.Regular): Doc => ({ t: "group", kind, doc });
export const priority = (doc: Doc): Doc => group(doc, GroupKind.Priority);
export const transparent = (doc: Doc): Doc => group(doc, GroupKind.Transparent);
export const nest = (doc: Doc): Doc => ({ t: "nest", by: 1, off: 0, doc });
export const offset = (cols: number, doc: Doc): Doc => ({ t: "nest", by: 0, off: cols, doc });
export const surround = (outside: Doc, inner: Doc): Doc => [outside, inner, outside];
export function sepBy(sep: Doc, docs: readonly Doc[]): Doc {
  const out: Doc[] = [];
  for (let i = 0; i < docs.length; i++) {
    if (i > 0) out.push(sep);
    out.push(docs[i]!);
  }
  return out;
}

export const isHardSpacing = (e: El | LayoutEl): boolean => e.t === "sp" && (e.sp >= Sp.Hardline || e.sp === Sp.Hardspace);

/**
 * Forces a doc onto one line (nixfmt's `unexpandSpacing'`): soft spacings become spaces or
 * vanish. Returns null when that is impossible (a hard line break) or exceeds `limit` columns.
 */
export function compact(doc: Doc, limit = Infinity): Doc | null {
  let budget = limit;
  const walk = (d: Doc): Doc[] | null => {
    const out: Doc[] = [];
    for (const e of isArray(d) ? d : [d]) {
      if (budget < 0) return null;
      if (isArray(e)) {
        const inner = walk(e);
        if (inner === null) return null;
        out.push(inner);
      } else if (e.t === "block") {
        return null;
      } else if (e.t === "text") {
        budget -= e.w;
        out.push(e);
      } else if (e.t === "sp") {
        if (e.sp === Sp.Break || e.sp === Sp.Softbreak) continue;
        if (e.sp >= Sp.Hardline) return null;
        budget -= 1;
        out.push({ t: "sp", sp: Sp.Hardspace, n: 0 });
      } else {
        const inner = walk(e.doc);
        if (inner === null) return null;
        // Groups dissolve (as in nixfmt); nests must stay, they carry indentation.
        out.push(e.t === "nest" ? { ...e, doc: inner } : inner);
      }
    }
    return budget < 0 ? null : out;
  };
  return walk(doc);
}

const isArray = (e: Doc): e is readonly Doc[] => Array.isArray(e);
export { isArray as isDocArray };
