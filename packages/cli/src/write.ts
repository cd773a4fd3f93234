// Brings the out dir in line with the generated files. Order matters: stale files go first (one
// may sit where a new directory must go), then changed files, each written atomically, and the
// manifest last. An interrupted run is thus finished by the next one: the files it did write match
// and are adopted as unchanged, and the stale ones are still listed in the old manifest.
import { mkdirSync, readdirSync, renameSync, rmdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, sep } from "node:path";
import type { GeneratedFile } from "@gen-nix/emit-nix";
import { planOutput, type OutputPlan } from "./plan.ts";

export interface WriteSummary {
  readonly written: number;
  readonly unchanged: number;
  readonly removed: number;
}

/**
 * Writes `files` into `outDir`, touching only files whose bytes change and files gen-nix owns.
 * Throws OutDirError, with nothing written, when a foreign file is in the way.
 */
export function writeFiles(outDir: string, files: readonly GeneratedFile[]): WriteSummary {
  return applyPlan(planOutput(outDir, files));
}

function applyPlan(plan: OutputPlan): WriteSummary {
  for (const { path } of plan.removals) removeOwned(plan.outDir, path);
  for (const { path, content } of plan.writes) writeAtomic(join(plan.outDir, path), content);
  if (plan.manifest) writeAtomic(join(plan.outDir, plan.manifest.path), plan.manifest.content);
  return { written: plan.writes.length, unchanged: plan.unchanged, removed: plan.removals.length };
}

/** Readers (nix, git, editors) see the old file or the new one, never half of it. */
function writeAtomic(file: string, content: string): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.gen-nix-tmp-${process.pid}`;
  try {
    writeFileSync(tmp, content);
    renameSync(tmp, file);
  } finally {
    // A no-op after the rename; after a failed write it leaves no temp file behind.
    rmSync(tmp, { force: true });
  }
}

function removeOwned(outDir: string, path: string): void {
  const file = join(outDir, path);
  rmSync(file, { force: true });
  pruneEmptyDirs(outDir, dirname(file));
}

/** Removes `dir` and then its parents while they are empty, stopping below `outDir`. */
function pruneEmptyDirs(outDir: string, dir: string): void {
  for (let d = dir; d.startsWith(outDir + sep); d = dirname(d)) {
    if (readdirSync(d).length > 0) return;
    rmdirSync(d);
  }
}
