// Node built-ins that the CLI needs on some paths only, loaded on first use: imported at the top,
// each would cost a few ms of every start (node:tty loads node:net, node:crypto node's streams).
import { loadBuiltin } from "@gen-nix/dsl/lazy-node";

export { nodeCrypto } from "@gen-nix/dsl/lazy-node";
export const nodeTty = (): typeof import("node:tty") => loadBuiltin("node:tty") as typeof import("node:tty");
