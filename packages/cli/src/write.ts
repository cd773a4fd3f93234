// Brings the out dir in line with the generated files, crash-safely (see journal.ts): whatever an
// earlier run left is completed first; then every changed file is staged and fsynced, the journal
// written, and only then the tree changed — stale files removed, new files renamed into place,
// the manifest last. A run stopped at any moment leaves the old tree, the new tree, or a journal
// that the next run completes and that --check reports. One run at a time changes an out dir
// (lock.ts).
import { existsSync, mkdirSync, rmSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import type { GeneratedFile } from "@gen-nix/emit-nix";
import { commit, hasJournal, hasLeftovers, recover, stage, type Recovery } from "./journal.ts";
import { type LockWait, NO_WAIT, lockOutDir } from "./lock.ts";
import { LOCK_NAME, MANIFEST_NAME, STAGING_NAME } from "./manifest.ts";
import { planOutput, readFileIfAny, type OutputPlan } from "./plan.ts";

export interface WriteSummary {
  readonly written: number;
  readonly unchanged: number;
  readonly removed: number;
  /** What was done about an earlier run that had been stopped before it finished. */
  readonly recovered: Recovery;
}

/**
 * Writes `files` into `outDir`, touching only files whose bytes change and files gen-nix owns.
 * Another run writing the out dir is waited for as `wait` says. Throws OutDirError, with nothing
 * written, when a foreign file is in the way or another run is still writing after the wait.
 */
export function writeFiles(outDir: string, files: readonly GeneratedFile[], wait: LockWait = NO_WAIT): WriteSummary {
  const dir = resolve(outDir);
  // An up-to-date tree that no run is writing or left half done is not touched at all, not even
  // by a lock: the directory's mtime stays put (file watchers) and a read-only checkout passes.
  // (A missing out dir is planned as empty; one that is a file is refused by the plan.)
  const isDir = statSync(dir, { throwIfNoEntry: false })?.isDirectory() === true;
  let unlocked: OutputPlan | undefined;
  if (!isDir || (!hasJournal(dir) && !hasLeftovers(dir) && !existsSync(join(dir, LOCK_NAME)))) {
    unlocked = planOutput(dir, files);
    if (isUpToDate(unlocked)) return { written: 0, unchanged: unlocked.unchanged, removed: 0, recovered: "none" };
  }
  mkdirSync(dir, { recursive: true });
  const lock = lockOutDir(dir, wait);
  try {
    const recovered = recover(dir);
    // Another run may have changed the tree before this one took the lock; any run that did
    // rewrote the manifest or left something behind. Otherwise the plan made without the lock holds.
    const plan =
      unlocked !== undefined && recovered === "none" && !lock.tookOver && readFileIfAny(dir, MANIFEST_NAME) === unlocked.manifest.before
        ? unlocked
        : planOutput(dir, files);
    if (!isUpToDate(plan)) applyPlan(plan);
    // A lock alone is what a run killed before it staged anything leaves.
    const note = recovered === "none" && lock.tookOver ? "cleaned" : recovered;
    return { written: plan.writes.length, unchanged: plan.unchanged, removed: plan.removals.length, recovered: note };
  } finally {
    lock.release();
  }
}

const isUpToDate = (plan: OutputPlan): boolean =>
  plan.writes.length === 0 && plan.removals.length === 0 && plan.manifest.before === plan.manifest.content;

function applyPlan(plan: OutputPlan): void {
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
