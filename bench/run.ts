/**
 * `pnpm bench`: the cold start of the bundled `gen-nix` on hetzner-prod beside `node -e 0`, and
 * in-process synthesis (validate + emit + print) of 10 / 100 / 1,000 hosts × 10 apps, each
 * size run five times back to back, as a warm process would; the heap's growth is measured in
 * runs of its own afterwards.
 * Targets: cold ≤ 3× node; 1,000 × 10 in ≤ 0.5 s; time per host roughly constant. A fixed loop
 * of plain JavaScript, timed after each size, shows how fast the machine ran meanwhile.
 *
 * The cold figure is the median of runs on one copy of the example: the first writes the flake
 * and compiles the config, the others find both up to date, as repeated runs of an unchanged
 * config do. Beside it, the first run alone, and runs after an edit of the config, which compile
 * it again. Each gen-nix run follows a `node -e 0` run, so that a machine busy with something
 * else slows both sides alike.
 */
import { spawnSync } from "node:child_process";
import { appendFileSync, cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { bundleEntry } from "./bundle.ts";

const ROOT = join(import.meta.dirname, "..");
const bundleDir = mkdtempSync(join(tmpdir(), "gen-nix-bench-lib-"));
const bundle = await bundleEntry(join(ROOT, "bench/entry.ts"), bundleDir);
const { resolveInfra, emitAll, syntheticConfig } = (await import(pathToFileURL(bundle).href)) as typeof import("./entry.ts");
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Wall time of one `node ...args` run, in ms. */
function timeCommand(args: string[]): number {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { cwd: ROOT, stdio: "ignore" });
  if (r.status !== 0) throw new Error(`${args.join(" ")} exited ${r.status}`);
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

/** `runs` runs of `args`, each after a `node -e 0` run and after `before(i)`; both sides' times. */
function timeBesideNode(args: string[], runs: number, before: (i: number) => void = () => {}): { node: number[]; cli: number[] } {
  const node: number[] = [];
  const cli: number[] = [];
  for (let i = 0; i < runs; i++) {
    node.push(timeCommand(["-e", "0"]));
    before(i);
    cli.push(timeCommand(args));
  }
  return { node, cli };
}

/** One synthesis of `hosts` hosts × 10 apps, timed: validation, emitting and printing. */
function synth(hosts: number): { ms: number; files: number } {
  const config = syntheticConfig(hosts, 10);
  const t0 = process.hrtime.bigint();
  const files = emitAll(resolveInfra(config));
  return { ms: Number(process.hrtime.bigint() - t0) / 1e6, files: files.length };
}

/**
 * The machine's speed at the time: a fixed piece of plain JavaScript (300,000 short strings read
 * 40 times), in ms, once the JIT has compiled it. On a shared machine whose speed moves within
 * seconds, it tells a slowed machine (synthesis and this slow alike) from slower code (only
 * synthesis slows). The strings are made once, so that the loop allocates nothing and the
 * collector's state after a synthesis does not change its time.
 */
function referenceLoop(): number {
  const t0 = process.hrtime.bigint();
  let hash = 0;
  for (let round = 0; round < 40; round++) for (const s of REFERENCE_STRINGS) hash = (hash * 31 + s.length + s.charCodeAt(1)) | 0;
  referenceSink = hash; // kept, so that the loop is not dropped as dead code
  return Number(process.hrtime.bigint() - t0) / 1e6;
}
const REFERENCE_STRINGS = Array.from({ length: 300_000 }, (_, i) => `x${i}`);
let referenceSink = 0;

/**
 * How much the heap grows over one synthesis, from a collected heap. Measured apart from the
 * timed runs: a full collection between runs, with nothing of the previous run alive, frees the
 * hidden classes its objects had, which throws away the JIT's code compiled for them, so a run
 * after it would be timed half cold.
 */
function heapGrowth(hosts: number): number {
  const config = syntheticConfig(hosts, 10);
  global.gc?.();
  const before = process.memoryUsage().heapUsed;
  emitAll(resolveInfra(config));
  return (process.memoryUsage().heapUsed - before) / 2 ** 20;
}

const out = mkdtempSync(join(tmpdir(), "gen-nix-bench-"));
// Some machines set NODE_EXTRA_CA_CERTS, which costs every node start tens of ms; both sides run without it.
delete process.env.NODE_EXTRA_CA_CERTS;
// A copy of the example, so the flake is written next to its config as a user's would be.
cpSync(join(ROOT, "fixtures/hetzner-prod"), out, { recursive: true });
const config = join(out, "infra.config.ts");
const runs = timeBesideNode(["packages/cli/bin/gen-nix.cjs", "--config", config], 31);
const [node, cold, first] = [median(runs.node), median(runs.cli), runs.cli[0]!];
// A comment added before each run: the config must be compiled again, and the flake stays as it is.
const edited = timeBesideNode(["packages/cli/bin/gen-nix.cjs", "--config", config], 11, (i) => appendFileSync(config, `// edit ${i}\n`));
const [editNode, edit] = [median(edited.node), median(edited.cli)];
rmSync(out, { recursive: true, force: true });
rmSync(bundleDir, { recursive: true, force: true });

for (let i = 0; i < 3; i++) referenceLoop(); // warm-up: compiled, as synthesis is
const reference: number[] = [];
synth(10); // warm-up: the JIT, not the first measurement, is what later runs see
// Each size five times: the median is the figure (the machine is shared and noisy); the fastest
// run shows what the code does undisturbed, the first one what it does with less warm code.
const timed = [10, 100, 1000].map((h) => {
  const runs = [synth(h), synth(h), synth(h), synth(h), synth(h)];
  reference.push(referenceLoop());
  const sorted = [...runs].sort((a, b) => a.ms - b.ms);
  return { hosts: h, ...sorted[2]!, first: runs[0]!.ms, fastest: sorted[0]!.ms };
});
const rows = timed.map((r) => ({ ...r, mib: heapGrowth(r.hosts) }));

console.log("| measurement | value |\n| --- | --- |");
console.log(`| Node.js | ${process.version} |`);
const min = (xs: number[]): string => Math.min(...xs).toFixed(1);
console.log(`| node -e 0 (median of 31) | ${node.toFixed(1)} ms (min ${min(runs.node)} ms) |`);
console.log(`| cold gen-nix on hetzner-prod (median of 31) | ${cold.toFixed(1)} ms (min ${min(runs.cli)} ms; ${(cold / node).toFixed(2)}× node; target ≤ 3×) |`);
console.log(`| … its first run (writes the flake, compiles the config) | ${first.toFixed(1)} ms |`);
console.log(`| … after an edit of the config (compiles it again; median of 11) | ${edit.toFixed(1)} ms (${(edit / editNode).toFixed(2)}× node, ${editNode.toFixed(1)} ms here) |`);
for (const r of rows) {
  console.log(`| synth ${r.hosts} hosts × 10 apps (${r.files} files; median of 5) | ${r.ms.toFixed(1)} ms (fastest ${r.fastest.toFixed(1)} ms, first ${r.first.toFixed(1)} ms), ${r.mib.toFixed(1)} MiB heap, ${(r.ms / r.hosts).toFixed(3)} ms/host |`);
}
console.log(`| machine speed: a fixed JS loop, after each size (median of 3) | ${median(reference).toFixed(1)} ms (each: ${reference.map((x) => x.toFixed(0)).join(", ")} ms) |`);
const big = rows[rows.length - 1]!;
console.log(`\ntargets: cold ${cold <= 3 * node ? "met" : "MISSED"}; 1,000 × 10 ${big.ms <= 500 ? "met" : "MISSED"} (${big.ms.toFixed(0)} ms)`);
