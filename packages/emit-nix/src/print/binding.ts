/** Attribute sets, lists, bindings and lambda parameters, as nixfmt lays them out. */
import {
  type Doc, cat, comment, emptyline, empty, group, hardline, hardspace, line, lineBreak, nest, priority, sepBy,
  surround, text, trailing,
} from "./doc.ts";
import { directLayout, ownLineBinding } from "./direct.ts";
import { canFlattenAttrs, hasTriviaItems } from "./absorb.ts";
import { absorbRHS, pretty, prettyTerm } from "./expr.ts";
import { interpolation, prettySimpleString } from "./string.ts";
import type { Item, Param, S, SBinding, Sel, Trivium } from "./syntax.ts";

/** Comments and blank lines before an element (`instance Pretty Trivia`). */
export function triviaDoc(trivia: Trivium[]): Doc {
  if (trivia.length === 0) return empty;
  return cat(hardline, ...trivia.map((t) => (t.k === "empty" ? emptyline : cat(comment(`#${t.text}`), hardline))));
}

/**
 * `renderItems`: items joined by `sep`, each in its own group. Bindings known to stand on
 * lines of their own (`ownLines`) are laid out directly (direct.ts).
 */
export function renderItems<T extends S | SBinding>(sep: Doc, items: Item<T>[], ownLines = false): Doc {
  return sepBy(
    sep,
    items.map((i) => {
      if (i.k === "comments") return triviaDoc(i.trivia);
      const v: S | SBinding = i.value;
      if (!isBinding(v)) return group(pretty(v));
      return ownLines && directLayout() ? ownLineBinding(v.src) : group(prettyBinding(v));
    }),
  );
}
const isBinding = (v: S | SBinding): v is SBinding => v.k === "assign" || v.k === "inherit";

/** `renderList`: `[ a ]` when one item fits, otherwise one item per line. */
export function renderList(itemSep: Doc, t: S & { k: "list" }): Doc {
  const sur = hasTriviaItems(t.items) ? hardline : t.items.length === 0 ? hardspace : line;
  return cat(triviaDoc(t.pre ?? []), text("["), surround(sur, nest(renderItems(itemSep, t.items))), text("]"));
}

/** `prettySet`: a set is always expanded unless it has one binding and is not "wide". */
export function prettySet(wide: boolean, t: S & { k: "set" }): Doc {
  const rec = cat(triviaDoc(t.pre ?? []), t.rec ? cat(text("rec"), hardspace) : empty);
  // An empty set stays `{ }` unless a comment sits on its `{` (then it is not a `LoneAnn`).
  if (t.items.length === 0 && (t.rec || !t.pre?.length)) return cat(rec, text("{"), hardspace, text("}"));
  const sep = wide || hasTriviaItems(t.items) ? hardline : line;
  // Around a hard line, or two bindings or more, every binding stands on its own lines.
  const ownLines = sep === hardline || t.items.length >= 2;
  return cat(rec, text("{"), surround(sep, nest(renderItems(hardline, t.items, ownLines))), text("}"));
}

/** Sets as binding values and bodies are "wide": expanded even with a single binding. */
export function prettyTermWide(t: S): Doc {
  return t.k === "set" ? prettySet(true, t) : prettyTerm(t);
}

/** An attribute path; `leadingDot` for the path of a selection (`x.a.b`). */
export function selectors(sels: Sel[], leadingDot: boolean): Doc {
  return cat(...sels.map((s, i) => cat(i > 0 || leadingDot ? text(".") : empty, selector(s))));
}

function selector(s: Sel): Doc {
  if (s.k === "id") return text(s.name);
  if (s.k === "str") return prettySimpleString([s.text]);
  return interpolation(s.e);
}

/** `instance Pretty Binder` */
export function prettyBinding(b: SBinding): Doc {
  if (b.k === "assign") {
    const simple = b.path.length <= 4 && b.path.every((s) => s.k === "id");
    const rhs = simple ? absorbRHS(b.value) : cat(lineBreak, priority(absorbRHS(b.value)));
    return group(cat(selectors(b.path, false), nest(cat(hardspace, text("="), rhs)), text(";")));
  }
  const [sep, nosep] = b.names.length < 4 ? [line, lineBreak] : [hardline, hardline];
  const names = sepBy(sep, b.names.map((n) => text(n)));
  if (b.from === undefined) return group(cat(text("inherit"), sep, nest(cat(names, nosep, text(";")))));
  const from = group(cat(line, pretty(b.from)));
  return group(cat(text("inherit"), nest(cat(from, sep, names, nosep, text(";")))));
}

/** `instance Pretty Parameter` */
export function prettyParam(p: Param): Doc {
  if (p.k === "id") return cat(triviaDoc(p.pre ?? []), text(p.name));
  if (p.k === "ctx") return cat(prettyParam(p.first), text("@"), prettyParam(p.second));
  const open = cat(triviaDoc(p.pre ?? []), text("{"));
  if (p.attrs.length === 0 && !p.ellipsis) return group(cat(open, hardspace, text("}")));
  const sep = canFlattenAttrs(p) ? line : hardline;
  const docs = p.attrs.map((a, i) => {
    const last = i === p.attrs.length - 1 && !p.ellipsis;
    const comma = last ? trailing(",") : text(",");
    if (a.def === undefined) return cat(text(a.name), comma);
    const withDefault = cat(text(a.name), hardspace, nest(cat(text("?"), absorbRHS(a.def))));
    return last ? cat(group(withDefault), comma) : group(cat(withDefault, comma));
  });
  if (p.ellipsis) docs.push(text("..."));
  return group(cat(open, surround(sep, nest(sepBy(sep, docs))), text("}")));
}
