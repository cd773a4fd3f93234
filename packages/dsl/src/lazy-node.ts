// Node built-ins that few runs need, loaded on first use: `node:net` and `node:crypto` each cost
// several milliseconds of every cold start when imported at the top. The require function is made
// on first use as well: createRequire has this module's URL to resolve at every start. The CLI
// loads its own such built-ins through `loadBuiltin` (`@gen-nix/dsl/lazy-node`).
import { createRequire } from "node:module";

let require: NodeJS.Require | undefined;
/** Node's built-in module `id`, loaded when first asked for. */
export const loadBuiltin = (id: `node:${string}`): unknown => (require ??= createRequire(import.meta.url))(id);

export const nodeNet = (): typeof import("node:net") => loadBuiltin("node:net") as typeof import("node:net");
export const nodeCrypto = (): typeof import("node:crypto") => loadBuiltin("node:crypto") as typeof import("node:crypto");
