// Node built-ins that few configs need, loaded on first use: `node:net` and `node:crypto` each
// cost several milliseconds of every cold start when imported at the top.
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

export const nodeNet = (): typeof import("node:net") => require("node:net");
export const nodeCrypto = (): typeof import("node:crypto") => require("node:crypto");
