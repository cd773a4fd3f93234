/**
 * `pnpm bench`: the cold start of the bundled `gen-nix` on hetzner-prod beside `node -e 0`, and
 * in-process synthesis (validate + emit + print) of 10 / 100 / 1,000 hosts × 10 apps, each
 * size run five times.
 * Targets: cold ≤ 3× node; 1,000 × 10 in ≤ 0.5 s; time per host roughly constant.
 */
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";

const ROOT = join(import.meta.dirname, "..");
// Measure the code as shipped (bundled, as in the CLI), not as tsx runs it in development.
const bundleDir = mkdtempSync(join(tmpdir(), "gen-nix-bench-lib-"));
await build({
  entryPoints: [join(ROOT, "bench/entry.ts")],
  outfile: join(bundleDir, "lib.mjs"),
  bundle: true,
  platform: "node",
  format: "esm",
  // CommonJS dependencies (yaml) call require() for Node built-ins, which an ES module lacks.
  banner: { js: 'import { createRequire as __benchRequire } from "node:module"; const require = __benchRequire(import.meta.url);' },
  logLevel: "warning",
});
const { resolveInfra, emitAll, syntheticConfig } = (await import(pathToFileURL(join(bundleDir, "lib.mjs")).href)) as typeof import("./entry.ts");
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function timeCommand(args: string[], runs: number): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    const r = spawnSync(process.execPath, args, { cwd: ROOT, stdio: "ignore" });
    if (r.status !== 0) throw new Error(`${args.join(" ")} exited ${r.status}`);
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return median(times);
}

function synth(hosts: number): { ms: number; mib: number; files: number } {
  const config = syntheticConfig(hosts, 10);
  global.gc?.();
  const before = process.memoryUsage().heapUsed;
  const t0 = process.hrtime.bigint();
  const files = emitAll(resolveInfra(config));
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const mib = (process.memoryUsage().heapUsed - before) / 2 ** 20;
  return { ms, mib, files: files.length };
}

const out = mkdtempSync(join(tmpdir(), "gen-nix-bench-"));
// Some machines set NODE_EXTRA_CA_CERTS, which costs every node start tens of ms; both sides run without it.
delete process.env.NODE_EXTRA_CA_CERTS;
const node = timeCommand(["-e", "0"], 15);
// A copy of the example, so the flake is written next to its config as a user's would be.
cpSync(join(ROOT, "fixtures/hetzner-prod"), out, { recursive: true });
const cold = timeCommand(["packages/cli/bin/gen-nix.cjs", "--config", join(out, "infra.config.ts")], 15);
rmSync(out, { recursive: true, force: true });
rmSync(bundleDir, { recursive: true, force: true });

synth(10); // warm-up: the JIT, not the first measurement, is what later runs see
// Each size five times: the median is the figure (the machine is shared and noisy); the fastest
// run shows what the code does undisturbed, the first one what it does with less warm code.
const rows = [10, 100, 1000].map((h) => {
  const runs = [synth(h), synth(h), synth(h), synth(h), synth(h)];
  const sorted = [...runs].sort((a, b) => a.ms - b.ms);
  return { hosts: h, ...sorted[2]!, first: runs[0]!.ms, fastest: sorted[0]!.ms };
});

console.log("| measurement | value |\n| --- | --- |");
console.log(`| node -e 0 (median of 15) | ${node.toFixed(1)} ms |`);
console.log(`| cold gen-nix on hetzner-prod (median of 15) | ${cold.toFixed(1)} ms (${(cold / node).toFixed(2)}× node; target ≤ 3×) |`);
for (const r of rows) {
  console.log(`| synth ${r.hosts} hosts × 10 apps (${r.files} files; median of 5) | ${r.ms.toFixed(1)} ms (fastest ${r.fastest.toFixed(1)} ms, first ${r.first.toFixed(1)} ms), ${r.mib.toFixed(1)} MiB heap, ${(r.ms / r.hosts).toFixed(3)} ms/host |`);
}
const big = rows[rows.length - 1]!;
console.log(`\ntargets: cold ${cold <= 3 * node ? "met" : "MISSED"}; 1,000 × 10 ${big.ms <= 500 ? "met" : "MISSED"} (${big.ms.toFixed(0)} ms)`);
