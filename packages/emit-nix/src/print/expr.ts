/**
 * Expressions to docs, rule for rule as nixfmt (RFC 166) prints them (`Pretty.hs`). Each
 * function names the nixfmt function it follows, so a layout difference can be traced.
 */
import {
  type Doc, cat, compact, empty, group, hardline, hardspace, line, lineBreak, nest, priority, softline,
  softbreak, surround, text, transparent,
} from "./doc.ts";
import { canFlattenAttrs, isAbsorbable, isAbsorbableExpr, isSimple } from "./absorb.ts";
import { prettyParam, prettySet, prettyTermWide, renderItems, renderList, selectors, triviaDoc } from "./binding.ts";
import { prettyIndentedString, prettySimpleString } from "./string.ts";
import { type S, dropFirstPre, firstPre } from "./syntax.ts";
import { UnexpectedNodeError } from "../errors.ts";


/** `prettyTerm`: a term without a group around it. */
export function prettyTerm(t: S): Doc {
  switch (t.k) {
    case "tok":
      return cat(preDoc(t), text(t.text));
    case "str":
      return cat(preDoc(t), prettySimpleString(t.parts));
    case "istr":
      return cat(preDoc(t), prettyIndentedString(t.lines));
    case "path":
      return cat(preDoc(t), text(t.parts.join("")));
    case "sel":
      return prettySelection(t);
    case "list":
      return t.items.length === 0 ? cat(preDoc(t), text("[ ]")) : renderList(hardline, t);
    case "set":
      return prettySet(false, t);
    case "paren":
      return prettyParen(t);
    default:
      throw new UnexpectedNodeError(t);
  }
}

function prettySelection(t: S & { k: "sel" }): Doc {
  let sep: Doc;
  if (t.t.k === "tok") sep = t.t.tok === "int" || t.t.tok === "float" ? hardspace : empty;
  else sep = t.t.k === "paren" ? softbreak : lineBreak;
  const def = t.def ? cat(softline, nest(cat(text("or"), hardspace, pretty(t.def)))) : empty;
  return cat(pretty(t.t), sep, selectors(t.sels, true), def);
}

/** The comments and blank lines before a node's first token (`pretty preTrivia`). */
const preDoc = (t: { pre?: Parameters<typeof triviaDoc>[0] }): Doc => triviaDoc(t.pre ?? []);

function prettyParen(t: S & { k: "paren" }): Doc {
  return group(cat(preDoc(t), text("("), nest(delimited(t.e)), text(")")));
}

/**
 * The content of `( … )`, and of a `${ … }` alone on its line: absorbed, a call with its
 * function indented, or on lines of its own between the brackets.
 */
export function delimited(e: S): Doc {
  if (isAbsorbableExpr(e)) return group(absorbExpr(false, e));
  if (e.k === "app") return prettyApp(true, empty, true, e.f, e.a);
  if (e.k === "sel" && isAbsorbable(e.t)) return cat(lineBreak, group(pretty(e)), lineBreak);
  if (e.k === "sel") return cat(group(pretty(e)), lineBreak);
  return cat(lineBreak, group(pretty(e)), lineBreak);
}

/** `absorbExpr` */
function absorbExpr(wide: boolean, e: S): Doc {
  if (isAbsorbable(e)) return wide ? prettyTermWide(e) : prettyTerm(e);
  if (e.k === "with" && isAbsorbable(e.body)) return prettyWithAbsorbed(e);
  return pretty(e);
}

/** `absorbParen`: a parenthesised last argument or right-hand side. */
function absorbParen(e: S): Doc {
  return priority(nest(cat(text("("), surround(lineBreak, group(nest(pretty(e)))), text(")"))));
}

const UPDATE_CONCAT_PLUS = new Set(["//", "++", "+"]);

/** `absorbRHS`: the value of `name = value;` or of a formal's default. */
export function absorbRHS(e: S): Doc {
  if (e.k === "set" && e.items.length === 1 && e.items[0]!.k === "item" && e.items[0]!.value.k === "inherit") {
    return nest(cat(hardspace, group(absorbExpr(false, e))));
  }
  if (isAbsorbableExpr(e)) return nest(cat(hardspace, group(absorbExpr(true, e))));
  switch (e.k) {
    case "paren":
      return nest(cat(hardspace, absorbParen(e.e)));
    case "str":
    case "istr":
    case "path":
      return nest(cat(hardspace, group(pretty(e))));
    case "tok":
    case "sel":
    case "list":
    case "set":
      return nest(group(cat(line, pretty(e))));
    case "app":
      return nest(prettyApp(false, line, false, e.f, e.a));
    case "with":
      return nest(group(cat(line, pretty(e))));
    case "op":
      if (UPDATE_CONCAT_PLUS.has(e.op) && isAbsorbable(e.a)) return cat(hardspace, prettyOp(true, e, e.op));
      if (UPDATE_CONCAT_PLUS.has(e.op) && isAbsorbable(e.b)) {
        const rhs = transparent(cat(text(e.op), hardspace, priority(prettyTermWide(e.b))));
        return nest(group(cat(line, pretty(e.a), line, rhs)));
      }
  }
  return nest(cat(line, group(pretty(e))));
}

/**
 * `prettyApp`: a call chain, filling the first line and absorbing one multi-line argument.
 * Comments before the function move out in front of the whole call.
 */
function prettyApp(indentFunction: boolean, pre: Doc, hasPost: boolean, fWithComment: S, a: S): Doc {
  const comment = firstPre(fWithComment);
  const f = comment.length > 0 ? dropFirstPre(fWithComment) : fWithComment;
  const indent = indentFunction && comment.length === 0;
  const post = hasPost ? lineBreak : empty;
  return cat(triviaDoc(comment), appBody(indent, pre, post, { k: "app", f: fWithComment, a }, f, a), hasPost && comment.length > 0 ? hardline : empty);
}

function appBody(indentFunction: boolean, pre: Doc, post: Doc, whole: S, f: S, a: S): Doc {
  if (f.k === "app" && f.a.k === "list" && a.k === "list") {
    return group(cat(pre, transparent(absorbApp(f.f, indentFunction)), line, nest(group(absorbInner(f.a))), line, nest(group(absorbInner(a))), post));
  }
  const renderedF = cat(pre, transparent(absorbApp(f, indentFunction)));
  const flat = isSimple(whole) ? compact(renderedF) : null;
  if (flat !== null) return group(cat(flat, hardspace, absorbLast(a)));
  return group(cat(renderedF, line, absorbLast(a), post));
}

function absorbApp(e: S, indentFunction: boolean): Doc {
  if (e.k !== "app") return indentFunction ? nest(group(cat(lineBreak, pretty(e)))) : pretty(e);
  if (e.a.k === "sel") return cat(transparent(absorbApp(e.f, indentFunction)), line, nest(group(absorbInner(e.a))));
  if (e.a.k === "list" && e.f.k === "app" && e.f.a.k === "list") {
    const lists = group(cat(line, group(absorbInner(e.f.a)), line, group(absorbInner(e.a))));
    return transparent(cat(transparent(absorbApp(e.f.f, indentFunction)), nest(lists)));
  }
  return cat(transparent(absorbApp(e.f, indentFunction)), line, nest(priority(absorbInner(e.a))));
}

/** Lists of up to six simple items may stay on one line as arguments. */
function absorbInner(e: S): Doc {
  if (e.k === "list" && e.items.length <= 6 && e.items.every((i) => i.k === "item" && isSimple(i.value))) {
    return renderList(line, e);
  }
  return pretty(e);
}

function absorbLast(a: S): Doc {
  if (isAbsorbable(a)) return priority(nest(prettyTerm(a)));
  if (a.k === "paren" && !a.pre?.length) {
    const e = a.e;
    if (e.k === "abs" && e.param.k === "id" && isAbsorbable(e.body)) {
      return priority(nest(cat(text("("), text(e.param.name), text(":"), hardspace, prettyTermWide(e.body), text(")"))));
    }
    if (e.k === "app" && e.f.k === "tok" && e.f.tok === "ident" && isAbsorbable(e.a)) {
      return priority(nest(cat(text("("), text(e.f.text), hardspace, prettyTermWide(e.a), text(")"))));
    }
    return absorbParen(e);
  }
  return group(nest(pretty(a)));
}

/** `prettyOp`: an operator chain, broken before each operator. */
function prettyOp(forceFirstWide: boolean, e: S, op: string): Doc {
  const operands: [string | null, S][] = [];
  const flatten = (opL: string | null, x: S): void => {
    if (x.k === "op" && x.op === op) {
      flatten(opL, x.a);
      flatten(op, x.b);
    } else operands.push([opL, x]);
  };
  flatten(null, e);
  const sep = (op === "|>" || op === "<|") && operands.length > 3 ? hardline : line;
  const parts = operands.map(([opL, x]) => {
    if (opL === null) return forceFirstWide && isAbsorbable(x) ? prettyTermWide(x) : pretty(x);
    return cat(sep, text(opL), nest(absorbOperand(x)));
  });
  return group(cat(...parts));
}

function absorbOperand(x: S): Doc {
  if (isAbsorbable(x)) return cat(hardspace, pretty(x));
  if (x.k === "op") return group(cat(line, pretty(x)));
  if (x.k === "app") return group(cat(hardspace, prettyApp(false, line, false, x.f, x.a)));
  return cat(hardspace, pretty(x));
}

function prettyWithAbsorbed(e: S & { k: "with" }): Doc {
  return group(cat(lineBreak, preDoc(e), text("with"), hardspace, nest(group(pretty(e.scope))), text(";"), hardspace, priority(prettyTermWide(e.body))));
}

function prettyIf(sep: Doc, e: S): Doc {
  if (e.k !== "if") return cat(line, nest(group(pretty(e))));
  const head = group(cat(preDoc(e), text("if"), line, nest(pretty(e.cond)), line, text("then")));
  return cat(head, surround(sep, nest(group(pretty(e.then)))), text("else"), hardspace, prettyIf(hardline, e.else));
}

/** `pretty (Abstraction ...)`; a body with trivia before it starts on a later line than the colon. */
function prettyAbs(e: S & { k: "abs" }): Doc {
  if (e.param.k === "id") {
    // `absorbAbs`: `a: b: c: body`, chained parameters on one line.
    const absorbAbs = (depth: number, b: S): Doc => {
      if (b.k === "abs" && b.param.k === "id") return cat(hardspace, prettyParam(b.param), text(":"), absorbAbs(depth + 1, b.body));
      if (isAbsorbableExpr(b)) return cat(hardspace, priority(absorbExpr(false, b)));
      return cat(depth <= 2 ? line : hardline, pretty(b));
    };
    return group(cat(lineBreak, prettyParam(e.param), text(":"), absorbAbs(1, e.body)));
  }
  const param = prettyParam(e.param);
  if (e.param.k === "set" && canFlattenAttrs(e.param) && !e.bodyBelow && isAbsorbableExpr(e.body)) {
    return cat(param, text(":"), hardspace, priority(pretty(e.body)));
  }
  if (e.param.k === "set" && e.bodyBelow) return cat(param, text(":"), hardline, pretty(e.body));
  if (isAbsorbable(e.body)) return cat(param, text(":"), line, group(prettyTermWide(e.body)));
  return cat(param, text(":"), line, pretty(e.body));
}

/** `instance Pretty Expression` (and terms, which get a group when they are lists). */
export function pretty(e: S): Doc {
  switch (e.k) {
    case "list":
      return group(prettyTerm(e));
    case "with":
      return cat(group(cat(preDoc(e), text("with"), hardspace, nest(group(pretty(e.scope))), text(";"))), line, pretty(e.body));
    case "let": {
      const letPart = group(cat(preDoc(e), text("let"), hardline, nest(renderItems(hardline, e.items, true))));
      return cat(letPart, hardline, group(cat(text("in"), hardline, pretty(e.body))));
    }
    case "assert": {
      const [f, a] = insertIntoApp({ k: "tok", text: "assert", tok: "keyword", ...(e.pre ? { pre: e.pre } : {}) }, e.cond);
      return group(cat(prettyApp(false, empty, false, f, a), text(";"), hardline, pretty(e.body)));
    }
    case "if":
      return group(prettyIf(line, e));
    case "abs":
      return prettyAbs(e);
    case "app":
      return prettyApp(false, empty, false, e.f, e.a);
    case "op":
      if (["<", ">", "<=", ">=", "==", "!="].includes(e.op)) return cat(pretty(e.a), softline, text(e.op), hardspace, pretty(e.b));
      return prettyOp(false, e, e.op);
    case "has":
      return cat(pretty(e.e), softline, text("?"), hardspace, selectors(e.sels, false));
    case "neg":
      return cat(preDoc(e), text("-"), pretty(e.e));
    case "not":
      return cat(preDoc(e), text("!"), pretty(e.e));
    default:
      return prettyTerm(e);
  }
}

function insertIntoApp(ins: S, e: S): [S, S] {
  if (e.k !== "app") return [ins, e];
  const [f, a] = insertIntoApp(ins, e.f);
  return [{ k: "app", f, a }, e.a];
}
