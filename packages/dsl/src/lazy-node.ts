// Node built-ins that few configs need, loaded on first use: `node:net` and `node:crypto` each
// cost several milliseconds of every cold start when imported at the top. The require function
// is made on first use as well: createRequire has this module's URL to resolve at every start.
import { createRequire } from "node:module";

let require: NodeJS.Require | undefined;
const load = (id: string): unknown => (require ??= createRequire(import.meta.url))(id);

export const nodeNet = (): typeof import("node:net") => load("node:net") as typeof import("node:net");
export const nodeCrypto = (): typeof import("node:crypto") => load("node:crypto") as typeof import("node:crypto");
