import type { NixFile } from "../ast/nodes.ts";
import { type Doc, cat, comment, group, hardline } from "./doc.ts";
import { layout } from "./layout.ts";
import { pretty } from "./expr.ts";
import { toSyntax } from "./syntax.ts";
import type { Expr } from "../ast/nodes.ts";

/** The doc for a whole file: header comments, then the expression (nixfmt's `Whole`). */
export function fileDoc(file: NixFile): Doc {
  const header = file.header.map((h) => cat(comment(h === "" ? "#" : `# ${h}`), hardline));
  return group(cat(...header, pretty(toSyntax(file.body))));
}

/** Prints a file in the official nixfmt style: 2-space indent, 100 columns, one final newline. */
export function printFile(file: NixFile): string {
  return layout(fileDoc(file));
}

/** Prints a single expression (no header). */
export function printExpr(e: Expr): string {
  return layout(group(pretty(toSyntax(e))));
}
