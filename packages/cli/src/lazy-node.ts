// Node built-ins that the CLI needs on some paths only, loaded on first use: imported at the top,
// each would cost a few ms of every start (node:tty loads node:net, node:crypto node's streams).
import { createRequire } from "node:module";

let require: NodeJS.Require | undefined;
const load = (id: string): unknown => (require ??= createRequire(import.meta.url))(id);

export const nodeTty = (): typeof import("node:tty") => load("node:tty") as typeof import("node:tty");
export const nodeCrypto = (): typeof import("node:crypto") => load("node:crypto") as typeof import("node:crypto");
