// `gen-nix audit`: every insecure choice the config makes on purpose (the resolver's opt-out
// list, which also feeds the warnings), each with where, why and how to undo it; with --json as
// `{ "optOuts": [...] }` on stdout. Exit 0 when there is none, 1 when there is any, so CI can
// gate on it.
import { type Model, formatPath } from "@gen-nix/dsl";
import type { CliIo } from "./gen-nix.ts";

export function audit(model: Model, json: boolean, io: CliIo): number {
  const { optOuts } = model;
  if (json) {
    const entries = optOuts.map(({ path, code, message, undo }) => ({ code, message, undo, path }));
    io.stdout(`${JSON.stringify({ optOuts: entries }, null, 2)}\n`);
    return optOuts.length === 0 ? 0 : 1;
  }
  if (optOuts.length === 0) {
    io.stdout("gen-nix audit: no opt-outs\n");
    return 0;
  }
  const lines = optOuts.map((o) => `⚠ ${formatPath(o.path)} (${o.code})\n  why: ${o.message}\n  undo: ${o.undo}\n`);
  io.stdout(`gen-nix audit: ${optOuts.length} opt-out${optOuts.length === 1 ? "" : "s"}\n${lines.join("")}`);
  return 1;
}
