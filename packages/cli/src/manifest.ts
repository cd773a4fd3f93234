// The manifest lists the files in the out dir that gen-nix owns: only those are ever overwritten
// without asking, or removed. Each entry carries a hash of the bytes gen-nix wrote, so a file
// edited by hand or left behind by an interrupted run is told apart from the one gen-nix wrote.
// Stable JSON (sorted, 2-space indent, final newline) so it diffs cleanly in git.
//
// Version 3 hashes with 64-bit FNV-1a, a few lines here: the hash has to tell bytes edited by hand
// from gen-nix's own, not withstand an attacker (who could as well edit the manifest), and the
// sha256 of version 2 needs node:crypto, which costs a few ms of every run to load. Manifests of
// version 2 (and journals that hold sha256 hashes) are still read: their hashes are checked with
// sha256, loading node:crypto only then, and the next run that writes rewrites them as version 3.
import { OutDirError, displayPath } from "./errors.ts";
import { nodeCrypto } from "./lazy-node.ts";
import { fnv1a64 } from "./hash.ts";

export const MANIFEST_NAME = ".gen-nix-manifest.json";
/** The journal of a run in progress; see journal.ts. */
export const JOURNAL_NAME = ".gen-nix-journal.json";
/** Where a run stages new files before moving them into place; see journal.ts. */
export const STAGING_NAME = ".gen-nix-staging";
/** Held by the run that is writing the out dir; see lock.ts. */
export const LOCK_NAME = ".gen-nix.lock";
/** Names in the out dir that belong to gen-nix's own bookkeeping, never to generated files. */
const RESERVED = new Set([MANIFEST_NAME, JOURNAL_NAME, STAGING_NAME, LOCK_NAME]);

const VERSION = 3;
const FNV_HASH = /^fnv1a64:[0-9a-f]{16}$/;
const SHA256_HASH = /^sha256:[0-9a-f]{64}$/;

/**
 * Path → hash of the bytes gen-nix wrote there. The hash is undefined for entries read from a
 * version-1 manifest, which listed paths only; the next run rewrites it as version 3.
 */
export type Manifest = ReadonlyMap<string, string | undefined>;

/** `fnv1a64:<hex>` of `content` as UTF-8, the form the manifest and the journal record. */
export function contentHash(content: string): string {
  return `fnv1a64:${fnv1a64(Buffer.from(content, "utf8"))}`;
}

/** Whether `hash`, as contentHash() writes it now or sha256 as version 2 wrote it, is that of `content`. */
export function hashMatches(hash: string, content: string): boolean {
  if (!SHA256_HASH.test(hash)) return hash === contentHash(content);
  return hash === `sha256:${nodeCrypto().createHash("sha256").update(content, "utf8").digest("hex")}`;
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

/** The entries of the manifest text read from `file`; throws OutDirError if it is not one. */
export function parseManifest(text: string, file: string): Manifest {
  const entries = manifestEntries(parseJson(text));
  if (entries === undefined) {
    throw corrupt(file, `expected { "version": ${VERSION}, "files": { "<path>": "fnv1a64:<hex>", ... } }`);
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

/** Whether `value` is a hash as contentHash() writes it, or a sha256 one as version 2 wrote it. */
export const isContentHash = (value: unknown): value is string =>
  typeof value === "string" && (FNV_HASH.test(value) || SHA256_HASH.test(value));

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
  if ((version !== 2 && version !== VERSION) || typeof files !== "object" || files === null || Array.isArray(files)) {
    return undefined;
  }
  // Version 2 recorded sha256 only. Version 3 records FNV-1a, and keeps the sha256 of a file that
  // an interrupted run's recovery carried over from a version-2 manifest (see abandon in journal.ts).
  const valid = version === 2 ? (hash: unknown) => typeof hash === "string" && SHA256_HASH.test(hash) : isContentHash;
  const entries = Object.entries(files);
  return entries.every(([, hash]) => valid(hash)) ? new Map(entries) : undefined;
}

function corrupt(file: string, why: string): OutDirError {
  return new OutDirError(`${displayPath(file)} is not a gen-nix manifest (${why}); fix or delete it`);
}
