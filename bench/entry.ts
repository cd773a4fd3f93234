// What the synthesis benchmark runs: the DSL and emitters as the CLI bundle ships them.
export { resolveInfra } from "@gen-nix/dsl";
export { emitAll } from "@gen-nix/emit-nix";
export { syntheticConfig } from "./synthetic.ts";
