// What `pnpm bench:instructions` runs under callgrind: SYNTH_RUNS syntheses of SYNTH_HOSTS hosts × 10 apps.
import { resolveInfra } from "@gen-nix/dsl";
import { emitAll } from "@gen-nix/emit-nix";
import { syntheticConfig } from "./synthetic.ts";

const hosts = Number(process.env.SYNTH_HOSTS);
const runs = Number(process.env.SYNTH_RUNS);
for (let i = 0; i < runs; i++) emitAll(resolveInfra(syntheticConfig(hosts, 10)));
