/**
 * `pnpm bench:instructions`: the instructions a warm process executes to synthesise 1,000 hosts
 * × 10 apps, counted by valgrind's callgrind (Debian package `valgrind`; not needed otherwise).
 * Wall time on a shared machine moves by half within minutes; this count moves by about 1%, so
 * it is the figure to compare two versions of the code by.
 *
 * A process runs 3 syntheses of 200 hosts, another 13: the difference is 10 syntheses of warm
 * code (node's start, the JIT's warm-up and compilation fall out), i.e. 2,000 hosts.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { bundleEntry } from "./bundle.ts";

const HOSTS = 200;
const [FEW, MANY] = [3, 13];

const dir = mkdtempSync(join(tmpdir(), "gen-nix-bench-instructions-"));
try {
  const bundle = await bundleEntry(join(import.meta.dirname, "instructions-entry.ts"), dir);
  // Both processes at once, one per core: each is one thread.
  const count = (runs: number): Promise<number> =>
    new Promise((done, fail) => {
      // One thread: compiling and collecting garbage on helper threads would not be counted.
      const args = ["--tool=callgrind", `--callgrind-out-file=${join(dir, `out.${runs}`)}`, "--smc-check=all-non-file"];
      const env = { ...process.env, SYNTH_HOSTS: String(HOSTS), SYNTH_RUNS: String(runs) };
      execFile("valgrind", [...args, process.execPath, "--single-threaded", bundle], { env }, (error, _stdout, stderr) => {
        const total = /Collected\s*:\s*(\d+)/.exec(stderr)?.[1];
        if ((error as NodeJS.ErrnoException | null)?.code === "ENOENT") fail(new Error("valgrind is not installed (apt-get install valgrind)"));
        else if (error || total === undefined) fail(new Error(`valgrind failed: ${error?.message ?? ""}\n${stderr}`));
        else done(Number(total));
      });
    });
  const [few, many] = await Promise.all([count(FEW), count(MANY)]);
  const perThousand = ((many - few) / ((MANY - FEW) * HOSTS)) * 1000;
  console.log(`${(perThousand / 1e9).toFixed(2)} G instructions per 1,000 hosts × 10 apps (warm; ${MANY - FEW} runs of ${HOSTS} hosts)`);
} catch (error) {
  console.error(`bench:instructions: ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
