// --check: what a run would change, as one unified diff (git-style a/ b/ names, /dev/null for
// created and removed files), including stale files and the manifest. Writes nothing.
import { FILE_HEADERS_ONLY, createTwoFilesPatch } from "diff";
import type { GeneratedFile } from "@gen-nix/emit-nix";
import { planOutput } from "./plan.ts";

export interface CheckResult {
  /** Files a run would create or update (the manifest not counted). */
  readonly toWrite: number;
  /** Files a run would remove. */
  readonly toRemove: number;
  /** Empty exactly when the out dir is up to date. */
  readonly diff: string;
}

interface Change {
  readonly path: string;
  readonly before: string | undefined;
  readonly after: string | undefined;
}

/** Throws OutDirError, like a real run would, when a foreign file is in the way. */
export function checkFiles(outDir: string, files: readonly GeneratedFile[]): CheckResult {
  const plan = planOutput(outDir, files);
  const changes: Change[] = [
    ...plan.writes.map(({ path, before, content }) => ({ path, before, after: content })),
    ...plan.removals.map(({ path, before }) => ({ path, before, after: undefined })),
  ].sort((a, b) => (a.path < b.path ? -1 : 1));
  const { manifest } = plan;
  if (manifest) changes.push({ path: manifest.path, before: manifest.before, after: manifest.content });
  const diff = changes.map(({ path, before, after }) => patch(path, before, after)).join("");
  return { toWrite: plan.writes.length, toRemove: plan.removals.length, diff };
}

function patch(path: string, before: string | undefined, after: string | undefined): string {
  const oldName = before === undefined ? "/dev/null" : `a/${path}`;
  const newName = after === undefined ? "/dev/null" : `b/${path}`;
  return createTwoFilesPatch(oldName, newName, before ?? "", after ?? "", undefined, undefined, {
    headerOptions: FILE_HEADERS_ONLY,
  });
}
