import type { NixFile } from "../ast/nodes.ts";
import { type Doc, group } from "./doc.ts";
import { layout } from "./layout.ts";
import { pretty } from "./expr.ts";
import { type Trivium, commentText, toSyntax, withPre } from "./syntax.ts";
import { directFile } from "./whole.ts";
import type { Expr } from "../ast/nodes.ts";

/** The doc for a whole file (nixfmt's `Whole`): header comments belong to the first token. */
function fileDoc(file: NixFile): Doc {
  const header = file.header.map((h): Trivium => ({ k: "comment", text: commentText(h) }));
  return group(pretty(withPre(toSyntax(file.body), header)));
}

/** Prints a file in the official nixfmt style: 2-space indent, 100 columns, one final newline. */
export function printFile(file: NixFile): string {
  return directFile(file) ?? layout(fileDoc(file));
}

/** Prints a single expression (no header). */
export function printExpr(e: Expr): string {
  return layout(group(pretty(toSyntax(e))));
}
