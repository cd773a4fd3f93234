// The manifest lists the files in the out dir that gen-nix owns: only those are ever overwritten
// without asking, or removed. Stable JSON (sorted, 2-space indent, final newline) so it diffs
// cleanly in git.
import { OutDirError, displayPath } from "./errors.ts";

export const MANIFEST_NAME = ".gen-nix-manifest.json";
const VERSION = 1;

export function serializeManifest(paths: Iterable<string>): string {
  // Default sort compares UTF-16 code units: the same order on every machine and locale.
  return `${JSON.stringify({ version: VERSION, files: [...paths].sort() }, null, 2)}\n`;
}

/** The paths listed by the manifest text read from `file`; throws OutDirError if it is not one. */
export function parseManifest(text: string, file: string): string[] {
  const files = manifestFiles(parseJson(text));
  if (files === undefined) throw corrupt(file, `expected { "version": ${VERSION}, "files": [...] }`);
  // A hand-edited entry like "../x" must never make gen-nix delete a file outside the out dir.
  const unsafe = files.find((path) => !isOutPath(path));
  if (unsafe !== undefined) throw corrupt(file, `${JSON.stringify(unsafe)} is not a path inside the out dir`);
  return files;
}

/** A posix path relative to the out dir, without `.`/`..`/empty segments, not the manifest. */
export function isOutPath(path: string): boolean {
  if (path === MANIFEST_NAME || path.includes("\\") || path.includes("\0")) return false;
  return path.split("/").every((segment) => segment !== "" && segment !== "." && segment !== "..");
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function manifestFiles(data: unknown): string[] | undefined {
  if (typeof data !== "object" || data === null) return undefined;
  const files: unknown = Reflect.get(data, "files");
  if (Reflect.get(data, "version") !== VERSION || !Array.isArray(files)) return undefined;
  return files.every((f): f is string => typeof f === "string") ? files : undefined;
}

function corrupt(file: string, why: string): OutDirError {
  return new OutDirError(`${displayPath(file)} is not a gen-nix manifest (${why}); fix or delete it`);
}
