// Brings the out dir in line with the generated files, crash-safely (see journal.ts): whatever an
// earlier run left is completed first; then every changed file is staged and fsynced, the journal
// written, and only then the tree changed — stale files removed, new files renamed into place,
// the manifest last. A run stopped at any moment leaves the old tree, the new tree, or a journal
// that the next run completes and that --check reports.
import { rmSync } from "node:fs";
import { join, resolve } from "node:path";
import type { GeneratedFile } from "@gen-nix/emit-nix";
import { commit, recover, stage, type Recovery } from "./journal.ts";
import { STAGING_NAME } from "./manifest.ts";
import { planOutput, type OutputPlan } from "./plan.ts";

export interface WriteSummary {
  readonly written: number;
  readonly unchanged: number;
  readonly removed: number;
  /** What was done about an earlier run that had been stopped before it finished. */
  readonly recovered: Recovery;
}

/**
 * Writes `files` into `outDir`, touching only files whose bytes change and files gen-nix owns.
 * Throws OutDirError, with nothing written, when a foreign file is in the way.
 */
export function writeFiles(outDir: string, files: readonly GeneratedFile[]): WriteSummary {
  const dir = resolve(outDir);
  const recovered = recover(dir);
  const plan = planOutput(dir, files);
  applyPlan(plan);
  return { written: plan.writes.length, unchanged: plan.unchanged, removed: plan.removals.length, recovered };
}

function applyPlan(plan: OutputPlan): void {
  // Up to date: not even the staging dir is created, and no mtime moves.
  if (plan.writes.length === 0 && plan.removals.length === 0 && plan.manifest.before === plan.manifest.content) return;
  const { outDir } = plan;
  const manifest = plan.manifest.content;
  let journal;
  try {
    journal = stage(outDir, plan.writes, { removals: plan.removals.map((r) => r.path), manifest });
  } catch (error) {
    // No journal yet: the tree is untouched, and the half-staged files are of no use.
    rmSync(join(outDir, STAGING_NAME), { recursive: true, force: true });
    throw error;
  }
  commit(outDir, journal);
}
