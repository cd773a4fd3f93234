export { n, type NixValue } from "./ast/build.ts";
export type * from "./ast/nodes.ts";
export { isBareIdent } from "./ast/ident.ts";
export { printFile, printExpr } from "./print/index.ts";
export { UnexpectedNodeError } from "./errors.ts";
export { emitAll, type EmitOptions, type GeneratedFile } from "./emit/index.ts";
