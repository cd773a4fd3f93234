// Compares what gen-nix would generate with what the out dir holds, touching nothing. The writer
// and --check both work from this plan, so --check passes exactly when a run would write nothing.
import { existsSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import type { GeneratedFile } from "@gen-nix/emit-nix";
import { OutDirError, displayPath } from "./errors.ts";
import { MANIFEST_NAME, contentHash, hashMatches, isOutPath, parseManifest, serializeManifest, type Manifest } from "./manifest.ts";

/** A file to create (`before` undefined) or update; `path` is posix, relative to the out dir. */
export interface PlannedWrite {
  readonly path: string;
  readonly before: string | undefined;
  readonly content: string;
  /** contentHash(content), as the manifest records it. */
  readonly hash: string;
  /** The file on disk is not what gen-nix last wrote there: edited by hand since. */
  readonly edited: boolean;
}

/** A file listed in the old manifest that is no longer generated. */
export interface PlannedRemoval {
  readonly path: string;
  readonly before: string;
}

export interface OutputPlan {
  /** Absolute. */
  readonly outDir: string;
  readonly writes: readonly PlannedWrite[];
  readonly removals: readonly PlannedRemoval[];
  /** The manifest before and after this run (written after everything else when they differ). */
  readonly manifest: Pick<PlannedWrite, "path" | "before" | "content">;
  /** Generated files whose bytes are already on disk. */
  readonly unchanged: number;
}

/** What is at a path in the out dir; `under-file`: a parent is a file, not a directory. */
type Entry =
  | { readonly kind: "absent" }
  | { readonly kind: "file"; readonly content: string }
  | { readonly kind: "other" }
  | { readonly kind: "under-file"; readonly file: string };

/** Throws OutDirError, before anything is written, if a file gen-nix does not own is in the way. */
export function planOutput(outDir: string, files: readonly GeneratedFile[]): OutputPlan {
  const dir = resolve(outDir);
  assertGeneratedPaths(files);
  if (existsSync(dir) && !statSync(dir).isDirectory()) {
    throw new OutDirError(`${displayPath(dir)} is not a directory`);
  }
  const manifestFile = join(dir, MANIFEST_NAME);
  const oldManifest = readFileIfAny(dir, MANIFEST_NAME);
  const owned: Manifest = oldManifest === undefined ? new Map() : parseManifest(oldManifest, manifestFile);
  // Each file hashed once: for the manifest, and for the journal of the files to write.
  const hashes = new Map(files.map((f) => [f.path, contentHash(f.content)]));
  const stale = new Set([...owned.keys()].filter((path) => !hashes.has(path)));
  const { writes, unchanged } = compareFiles(dir, files, hashes, owned, stale);
  const removals = [...stale].flatMap((path) => {
    const before = readFileIfAny(dir, path);
    return before === undefined ? [] : [{ path, before }];
  });
  const content = serializeManifest(hashes);
  const manifest = { path: MANIFEST_NAME, before: oldManifest, content };
  return { outDir: dir, writes, removals, manifest, unchanged };
}

/** Sorts generated files into writes and unchanged ones; throws if any is blocked. */
function compareFiles(
  dir: string,
  files: readonly GeneratedFile[],
  hashes: ReadonlyMap<string, string>,
  owned: Manifest,
  stale: ReadonlySet<string>,
): { writes: PlannedWrite[]; unchanged: number } {
  const writes: PlannedWrite[] = [];
  const blocked = new Set<string>();
  let unchanged = 0;
  for (const { path, content } of files) {
    const entry = inspect(dir, path);
    const hash = hashes.get(path)!;
    // Identical bytes are fine even in a foreign file: gen-nix adopts it into the manifest.
    if (entry.kind === "file" && entry.content === content) unchanged++;
    else if (entry.kind === "file" && owned.has(path)) {
      const written = owned.get(path);
      const edited = written !== undefined && !hashMatches(written, entry.content);
      writes.push({ path, before: entry.content, content, hash, edited });
    } else if (entry.kind === "absent") writes.push({ path, before: undefined, content, hash, edited: false });
    // A stale file of ours where a directory must go is removed before the writes start.
    else if (entry.kind === "under-file" && stale.has(entry.file)) {
      writes.push({ path, before: undefined, content, hash, edited: false });
    }
    else blocked.add(entry.kind === "under-file" ? entry.file : path);
  }
  if (blocked.size > 0) throw collision(dir, blocked);
  return { writes, unchanged };
}

// Parents first: statSync would throw ENOTDIR where a file stands in for a directory.
function inspect(dir: string, path: string): Entry {
  const segments = path.split("/");
  for (let i = 1; i < segments.length; i++) {
    const parent = segments.slice(0, i).join("/");
    const stat = statSync(join(dir, parent), { throwIfNoEntry: false });
    if (stat === undefined) return { kind: "absent" };
    if (!stat.isDirectory()) return { kind: "under-file", file: parent };
  }
  const stat = statSync(join(dir, path), { throwIfNoEntry: false });
  if (stat === undefined) return { kind: "absent" };
  return stat.isFile() ? { kind: "file", content: readFileSync(join(dir, path), "utf8") } : { kind: "other" };
}

export function readFileIfAny(dir: string, path: string): string | undefined {
  const entry = inspect(dir, path);
  return entry.kind === "file" ? entry.content : undefined;
}

function collision(dir: string, paths: ReadonlySet<string>): OutDirError {
  const list = [...paths].map((p) => `  ${displayPath(join(dir, p))}`).join("\n");
  return new OutDirError(
    `refusing to overwrite files gen-nix did not generate (not in ${MANIFEST_NAME}):\n${list}\n` +
      "Move them away or delete them, then run gen-nix again.",
  );
}

/** Emitter output is trusted, but a bad path here would write outside the out dir: a bug. */
function assertGeneratedPaths(files: readonly GeneratedFile[]): void {
  const seen = new Set<string>();
  for (const { path } of files) {
    const quoted = JSON.stringify(path);
    if (!isOutPath(path)) throw new Error(`generated path ${quoted} is not inside the out dir (bug)`);
    if (seen.has(path)) throw new Error(`path ${quoted} generated twice (bug)`);
    seen.add(path);
  }
}
