// `gen-nix audit`: every insecure choice the config makes on purpose (the resolver's opt-out
// list, the same entries gen-nix warns about), each with where, why and how to undo it.
// Exit 0 when there is none, 1 when there is any, so CI can gate on it.
import { type Model, formatPath } from "@gen-nix/dsl";
import type { CliIo } from "./gen-nix.ts";

export function audit(model: Model, io: CliIo): number {
  const { optOuts } = model;
  if (optOuts.length === 0) {
    io.stdout("gen-nix audit: no opt-outs\n");
    return 0;
  }
  const lines = optOuts.map((o) => `⚠ ${formatPath(o.path)} (${o.code})\n  why: ${o.message}\n  undo: ${o.undo}\n`);
  io.stdout(`gen-nix audit: ${optOuts.length} opt-out${optOuts.length === 1 ? "" : "s"}\n${lines.join("")}`);
  return 1;
}
