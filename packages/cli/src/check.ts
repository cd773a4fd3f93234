// --check: what a run would change, as one unified diff (git-style a/ b/ names, /dev/null for
// created and removed files), including stale files and the manifest. Writes nothing, and never
// completes an interrupted run: it reports one, which counts as out of date.
import { resolve } from "node:path";
import { FILE_HEADERS_ONLY, createTwoFilesPatch } from "diff";
import type { GeneratedFile } from "@gen-nix/emit-nix";
import { hasJournal, hasLeftovers } from "./journal.ts";
import { type LockWait, NO_WAIT, deadLockIn } from "./lock.ts";
import { planOutput } from "./plan.ts";

export interface CheckResult {
  /** Files a run would create or update (the manifest not counted). */
  readonly toWrite: number;
  /** Files a run would remove. */
  readonly toRemove: number;
  /** Of the files to write, those edited by hand since gen-nix wrote them. */
  readonly edited: number;
  /** The changes a run would make; empty when there are none. */
  readonly diff: string;
  /**
   * What a stopped run left: its journal (the tree may be half updated; no diff is computed) or
   * staged or temp files or its lock only (the tree is the old one). Either way the out dir is
   * not up to date.
   */
  readonly interrupted: "journal" | "leftovers" | undefined;
}

interface Change {
  readonly path: string;
  readonly before: string | undefined;
  readonly after: string | undefined;
}

/**
 * Throws OutDirError, like a real run would, when a foreign file is in the way or another run is
 * still writing the out dir after the wait.
 */
export function checkFiles(outDir: string, files: readonly GeneratedFile[], wait: LockWait = NO_WAIT): CheckResult {
  const dir = resolve(outDir);
  // A run writing the tree right now would make any answer wrong: its result is what is checked.
  const deadLock = deadLockIn(dir, wait);
  if (hasJournal(dir)) return { toWrite: 0, toRemove: 0, edited: 0, diff: "", interrupted: "journal" };
  const plan = planOutput(dir, files);
  const changes: Change[] = [
    ...plan.writes.map(({ path, before, content }) => ({ path, before, after: content })),
    ...plan.removals.map(({ path, before }) => ({ path, before, after: undefined })),
  ].sort((a, b) => (a.path < b.path ? -1 : 1));
  const { manifest } = plan;
  if (manifest.before !== manifest.content) changes.push({ path: manifest.path, before: manifest.before, after: manifest.content });
  const diff = changes.map(({ path, before, after }) => patch(path, before, after)).join("");
  const edited = plan.writes.filter((w) => w.edited).length;
  const interrupted = deadLock || hasLeftovers(plan.outDir) ? "leftovers" : undefined;
  return { toWrite: plan.writes.length, toRemove: plan.removals.length, edited, diff, interrupted };
}

function patch(path: string, before: string | undefined, after: string | undefined): string {
  const oldName = before === undefined ? "/dev/null" : `a/${path}`;
  const newName = after === undefined ? "/dev/null" : `b/${path}`;
  return createTwoFilesPatch(oldName, newName, before ?? "", after ?? "", undefined, undefined, {
    headerOptions: FILE_HEADERS_ONLY,
  });
}
