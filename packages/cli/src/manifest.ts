// The manifest lists the files in the out dir that gen-nix owns: only those are ever overwritten
// without asking, or removed. Each entry carries the sha256 of the bytes gen-nix wrote, so a file
// edited by hand or left behind by an interrupted run is told apart from the one gen-nix wrote.
// Stable JSON (sorted, 2-space indent, final newline) so it diffs cleanly in git.
import { createHash } from "node:crypto";
import { OutDirError, displayPath } from "./errors.ts";

export const MANIFEST_NAME = ".gen-nix-manifest.json";
/** The journal of a run in progress; see journal.ts. */
export const JOURNAL_NAME = ".gen-nix-journal.json";
/** Where a run stages new files before moving them into place; see journal.ts. */
export const STAGING_NAME = ".gen-nix-staging";
/** Names in the out dir that belong to gen-nix's own bookkeeping, never to generated files. */
const RESERVED = new Set([MANIFEST_NAME, JOURNAL_NAME, STAGING_NAME]);

const VERSION = 2;
const HASH = /^sha256:[0-9a-f]{64}$/;

/**
 * Path → hash of the bytes gen-nix wrote there. The hash is undefined for entries read from a
 * version-1 manifest, which listed paths only; the next run rewrites it as version 2.
 */
export type Manifest = ReadonlyMap<string, string | undefined>;

/** `sha256:<hex>` of `content` as UTF-8, the form the manifest and the journal record. */
export function contentHash(content: string): string {
  return `sha256:${createHash("sha256").update(content, "utf8").digest("hex")}`;
}

/** The manifest text for `entries` (path → hash), sorted by path. */
export function serializeManifest(entries: Iterable<readonly [string, string]>): string {
  // Default sort compares UTF-16 code units: the same order on every machine and locale. Written
  // by hand rather than through an object, where JSON.stringify would put integer-like keys first.
  const lines = [...entries]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([path, hash]) => `    ${JSON.stringify(path)}: ${JSON.stringify(hash)}`);
  const files = lines.length === 0 ? "{}" : `{\n${lines.join(",\n")}\n  }`;
  return `{\n  "version": ${VERSION},\n  "files": ${files}\n}\n`;
}

/** The manifest gen-nix writes for `files`. */
export function manifestFor(files: Iterable<{ readonly path: string; readonly content: string }>): string {
  return serializeManifest([...files].map(({ path, content }) => [path, contentHash(content)] as const));
}

/** The entries of the manifest text read from `file`; throws OutDirError if it is not one. */
export function parseManifest(text: string, file: string): Manifest {
  const entries = manifestEntries(parseJson(text));
  if (entries === undefined) {
    throw corrupt(file, `expected { "version": ${VERSION}, "files": { "<path>": "sha256:<hex>", ... } }`);
  }
  // A hand-edited entry like "../x" must never make gen-nix delete a file outside the out dir.
  const unsafe = [...entries.keys()].find((path) => !isOutPath(path));
  if (unsafe !== undefined) throw corrupt(file, `${JSON.stringify(unsafe)} is not a path inside the out dir`);
  return entries;
}

/** A posix path relative to the out dir, without `.`/`..`/empty segments, not gen-nix's own. */
export function isOutPath(path: string): boolean {
  if (path.includes("\\") || path.includes("\0")) return false;
  const segments = path.split("/");
  if (RESERVED.has(segments[0] ?? "")) return false;
  return segments.every((segment) => segment !== "" && segment !== "." && segment !== "..");
}

/** Whether `value` is a hash as contentHash() writes it. */
export const isContentHash = (value: unknown): value is string => typeof value === "string" && HASH.test(value);

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function manifestEntries(data: unknown): Map<string, string | undefined> | undefined {
  if (typeof data !== "object" || data === null) return undefined;
  const version: unknown = Reflect.get(data, "version");
  const files: unknown = Reflect.get(data, "files");
  if (version === 1 && Array.isArray(files) && files.every((f) => typeof f === "string")) {
    return new Map(files.map((path: string) => [path, undefined]));
  }
  if (version !== VERSION || typeof files !== "object" || files === null || Array.isArray(files)) return undefined;
  const entries = Object.entries(files);
  return entries.every(([, hash]) => isContentHash(hash)) ? new Map(entries) : undefined;
}

function corrupt(file: string, why: string): OutDirError {
  return new OutDirError(`${displayPath(file)} is not a gen-nix manifest (${why}); fix or delete it`);
}
