// Compiled config files kept between runs. Loading sucrase (it builds its parser's tables first)
// and compiling a config with it costs ~15 ms of a cold start that otherwise spends ~55 ms beyond
// node's own, for output that changes only when the file does. An entry is found by the file's
// path and used only when the input it was made from (compiler and source) is the same byte for
// byte, so an edited file, another compiler or a clash of names costs a compile, never stale code.
// The cache is only a shortcut: when it cannot be read or written (a read-only install, a file
// half written or not one of ours), the config is compiled as if it were not there.
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fnv1a64 } from "./hash.ts";

export interface CompileCache {
  /** The output stored under `key`, if it was made from exactly `input`. */
  get(key: string, input: string): string | undefined;
  /** Stores `output`, made from `input`, under `key`, replacing what was there. */
  set(key: string, input: string, output: string): void;
}

interface Entry {
  readonly input: string;
  readonly output: string;
}

/**
 * A cache in `dir` (created when first written): one JSON file per key. Beyond `limit` entries,
 * writing one deletes the oldest, so configs in temp dirs that are long gone do not pile up.
 */
export function directoryCompileCache(dir: string, limit = 32): CompileCache {
  // A short file name for the key (the config's path).
  const fileFor = (key: string): string => join(dir, `${fnv1a64(Buffer.from(key, "utf8"))}.json`);
  return {
    get(key, input) {
      let entry: unknown;
      try {
        entry = JSON.parse(readFileSync(fileFor(key), "utf8"));
      } catch {
        return undefined;
      }
      return isEntry(entry) && entry.input === input ? entry.output : undefined;
    },
    set(key, input, output) {
      try {
        writeEntry(dir, fileFor(key), { input, output });
        evictOldest(dir, limit);
      } catch {
        // Not writable (a read-only install, a full disk): the next run compiles again.
      }
    },
  };
}

function writeEntry(dir: string, file: string, entry: Entry): void {
  mkdirSync(dir, { recursive: true });
  // Written aside and renamed into place: a run reading the entry meanwhile sees it whole.
  const temp = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(temp, JSON.stringify(entry));
    renameSync(temp, file);
  } catch (error) {
    removeIfAny(temp);
    throw error;
  }
}

/** unlinkSync, not rmSync: that loads node's recursive removal on first use. */
function removeIfAny(file: string): void {
  try {
    unlinkSync(file);
  } catch {
    // Already gone, or never written.
  }
}

function isEntry(value: unknown): value is Entry {
  if (typeof value !== "object" || value === null) return false;
  return typeof Reflect.get(value, "input") === "string" && typeof Reflect.get(value, "output") === "string";
}

/** Deletes the least recently written files in `dir` beyond the newest `limit`. */
function evictOldest(dir: string, limit: number): void {
  const names = readdirSync(dir);
  if (names.length <= limit) return;
  const written = (name: string): number => statSync(join(dir, name), { throwIfNoEntry: false })?.mtimeMs ?? 0;
  const byAge = names.map((name) => ({ name, time: written(name) })).sort((a, b) => a.time - b.time);
  for (const { name } of byAge.slice(0, names.length - limit)) removeIfAny(join(dir, name));
}
