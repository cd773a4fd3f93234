// Crash safety. A run never edits the tree piecemeal: it first stages every new file in
// `.gen-nix-staging/` inside the out dir (same filesystem, so renames are atomic) and fsyncs them,
// then atomically writes `.gen-nix-journal.json` — the renames to do, the stale files to delete and
// the new manifest — and only then touches the tree. The journal is removed last. Whenever a run
// stops (SIGKILL, power cut), the next one finds the journal and completes it before anything
// else; without a journal, the tree is the old one and a leftover staging dir is merely deleted.
import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  renameSync,
  rmdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { dirname, join, sep } from "node:path";
import { OutDirError, displayPath, isErrno } from "./errors.ts";
import { faultInjectionPoint } from "./fault-injection.ts";
import {
  JOURNAL_NAME,
  MANIFEST_NAME,
  STAGING_NAME,
  contentHash,
  hashMatches,
  isContentHash,
  isOutPath,
  parseJson,
  parseManifest,
  serializeManifest,
} from "./manifest.ts";
import { readFileIfAny } from "./plan.ts";

/** Version 1 held sha256 hashes, version 2 those of the manifest's version 3; both are completed. */
const VERSION = 2;

/** A staged file and where it goes. */
export interface StagedWrite {
  /** Posix, relative to the out dir. */
  readonly path: string;
  /** The file's name inside the staging dir. */
  readonly staged: string;
  /** The staged bytes' hash (manifest.ts): a target holding them has already been moved into place. */
  readonly hash: string;
}

export interface Journal {
  /** Own stale files to delete, done first: one may stand where a new directory must go. */
  readonly removals: readonly string[];
  readonly writes: readonly StagedWrite[];
  /** The manifest text to write once the tree is updated. */
  readonly manifest: string;
}

/** What the start of a run found and did about an earlier run that was stopped. */
export type Recovery =
  /** Nothing was left over. */
  | "none"
  /** A staging dir without a journal: the run stopped before touching the tree; deleted. */
  | "cleaned"
  /** A journal: its renames, removals and manifest were completed. */
  | "completed"
  /**
   * A journal whose staged files are gone: the rest of its changes were abandoned, and the
   * manifest now also lists the files it had already moved into place, so they stay gen-nix's.
   */
  | "rolled-back";

/** Writes `content` to a new file and flushes it to the disk before returning. */
function writeDurable(file: string, content: string): void {
  const fd = openSync(file, "w");
  try {
    writeFileSync(fd, content);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Flushes a directory's entries (renames, deletions), where the platform allows it. */
function fsyncDir(dir: string): void {
  let fd: number;
  try {
    fd = openSync(dir, "r");
  } catch (error) {
    // Windows cannot open a directory; nothing to flush there.
    if (isErrno(error, "EISDIR", "EPERM", "EACCES")) return;
    throw error;
  }
  try {
    fsyncSync(fd);
  } catch (error) {
    if (!isErrno(error, "EINVAL", "EPERM", "EBADF", "ENOTSUP")) throw error;
  } finally {
    closeSync(fd);
  }
}

/**
 * Stages `journal`'s files, given with their content and its contentHash(), then writes the
 * journal atomically: from then on the run counts as done, and whichever run gets there first
 * completes it.
 */
export function stage(
  outDir: string,
  writes: readonly { readonly path: string; readonly content: string; readonly hash: string }[],
  journal: Omit<Journal, "writes">,
): Journal {
  const staging = join(outDir, STAGING_NAME);
  mkdirSync(staging, { recursive: true });
  faultInjectionPoint();
  const staged = writes.map(({ path, content, hash }, i): StagedWrite => {
    writeDurable(join(staging, String(i)), content);
    faultInjectionPoint();
    return { path, staged: String(i), hash };
  });
  fsyncDir(staging);
  const full: Journal = { ...journal, writes: staged };
  const tmp = join(staging, "journal");
  writeDurable(tmp, serializeJournal(full));
  renameSync(tmp, join(outDir, JOURNAL_NAME));
  fsyncDir(outDir);
  faultInjectionPoint();
  return full;
}

/** Performs a written journal: removals, renames, manifest; then drops staging dir and journal. */
export function commit(outDir: string, journal: Journal): void {
  const staging = join(outDir, STAGING_NAME);
  const touched = new Set<string>([outDir]);
  for (const path of journal.removals) {
    if (readFileIfAny(outDir, path) === undefined) continue;
    rmSync(join(outDir, path), { force: true });
    pruneEmptyDirs(outDir, dirname(join(outDir, path)));
    for (let d = dirname(join(outDir, path)); d.startsWith(outDir + sep); d = dirname(d)) touched.add(d);
    faultInjectionPoint();
  }
  for (const { path, staged } of journal.writes) {
    const from = join(staging, staged);
    // Gone means already moved: recover() checked that the target holds the staged bytes.
    if (!existsSync(from)) continue;
    const target = join(outDir, path);
    mkdirSync(dirname(target), { recursive: true });
    renameSync(from, target);
    touched.add(dirname(target));
    faultInjectionPoint();
  }
  for (const dir of touched) if (existsSync(dir)) fsyncDir(dir);
  replaceManifest(outDir, journal.manifest);
  finish(outDir);
}

/**
 * Completes or abandons what an earlier, stopped run left, before this run reads the tree.
 * Throws OutDirError when the journal is not one gen-nix wrote.
 */
export function recover(outDir: string): Recovery {
  // A missing out dir has nothing to recover; one that is a file is reported by the plan.
  if (statSync(outDir, { throwIfNoEntry: false })?.isDirectory() !== true) return "none";
  const journalFile = join(outDir, JOURNAL_NAME);
  const text = readFileIfAny(outDir, JOURNAL_NAME);
  if (text === undefined) {
    const temps = oldTempFiles(outDir);
    if (!hasStaging(outDir) && temps.length === 0) return "none";
    rmSync(join(outDir, STAGING_NAME), { recursive: true, force: true });
    for (const path of temps) rmSync(join(outDir, path), { force: true });
    fsyncDir(outDir);
    faultInjectionPoint();
    return "cleaned";
  }
  const journal = parseJournal(text, journalFile);
  const staging = join(outDir, STAGING_NAME);
  const lost = journal.writes.filter(
    ({ path, staged, hash }) => !existsSync(join(staging, staged)) && !holds(outDir, path, hash),
  );
  if (lost.length === 0) {
    commit(outDir, journal);
    return "completed";
  }
  abandon(outDir, journal);
  return "rolled-back";
}

/** Whether an interrupted run left a journal in `outDir` (which --check reports, never completes). */
export const hasJournal = (outDir: string): boolean => existsSync(join(outDir, JOURNAL_NAME));

/** Whether a run stopped while staging left its staging dir behind. */
const hasStaging = (outDir: string): boolean => existsSync(join(outDir, STAGING_NAME));

/** Whether a stopped run left files that the next run deletes: its staging dir or temp files. */
export const hasLeftovers = (outDir: string): boolean => hasStaging(outDir) || oldTempFiles(outDir).length > 0;

/**
 * Temp files that gen-nix versions without a staging dir wrote beside each target
 * (`<name>.gen-nix-tmp-<pid>`) and left when killed. Recognised by name, and looked for only
 * beside the files the manifest lists: nothing else in the out dir is read or touched.
 */
function oldTempFiles(outDir: string): string[] {
  const text = readFileIfAny(outDir, MANIFEST_NAME);
  let owned: string[];
  try {
    owned = text === undefined ? [] : [...parseManifest(text, join(outDir, MANIFEST_NAME)).keys()];
  } catch {
    return []; // The plan reports a corrupt manifest.
  }
  const names = new Map<string, Set<string>>([["", new Set([MANIFEST_NAME])]]);
  for (const path of owned) {
    const slash = path.lastIndexOf("/");
    const dir = slash < 0 ? "" : path.slice(0, slash);
    names.set(dir, (names.get(dir) ?? new Set()).add(path.slice(slash + 1)));
  }
  const temps: string[] = [];
  for (const [dir, files] of names) {
    for (const entry of listDir(join(outDir, dir))) {
      const match = /^(.+)\.gen-nix-tmp-\d+$/.exec(entry);
      if (match !== null && files.has(match[1] ?? "")) temps.push(dir === "" ? entry : `${dir}/${entry}`);
    }
  }
  return temps;
}

/** The names in `dir`, or none when it is missing or not a directory. */
function listDir(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch (error) {
    if (isErrno(error, "ENOENT", "ENOTDIR")) return [];
    throw error;
  }
}

/**
 * The staged files are gone, so the journal cannot be completed. Everything it has not done is
 * dropped; the manifest keeps every file that is gen-nix's — the old entries plus the files the
 * stopped run had moved into place — so this run can overwrite them instead of refusing them as
 * foreign. The run that follows then brings the tree up to date as usual.
 */
function abandon(outDir: string, journal: Journal): void {
  const text = readFileIfAny(outDir, MANIFEST_NAME);
  const old = text === undefined ? new Map<string, string | undefined>() : parseManifest(text, join(outDir, MANIFEST_NAME));
  const entries = new Map<string, string>();
  const candidates = new Set([...old.keys(), ...journal.writes.map((w) => w.path)]);
  for (const path of candidates) {
    const content = readFileIfAny(outDir, path);
    if (content === undefined) continue;
    const moved = journal.writes.find((w) => w.path === path && hashMatches(w.hash, content));
    // Only what the stopped run itself moved into place is added: any other file stays foreign.
    if (moved !== undefined) entries.set(path, moved.hash);
    else if (old.has(path)) entries.set(path, old.get(path) ?? contentHash(content));
  }
  replaceManifest(outDir, serializeManifest(entries));
  finish(outDir);
}

function holds(outDir: string, path: string, hash: string): boolean {
  const content = readFileIfAny(outDir, path);
  return content !== undefined && hashMatches(hash, content);
}

/** Writes the manifest through the staging dir (same filesystem), unless it already says that. */
function replaceManifest(outDir: string, manifest: string): void {
  if (readFileIfAny(outDir, MANIFEST_NAME) === manifest) return;
  const staging = join(outDir, STAGING_NAME);
  mkdirSync(staging, { recursive: true });
  const tmp = join(staging, "manifest");
  writeDurable(tmp, manifest);
  renameSync(tmp, join(outDir, MANIFEST_NAME));
  fsyncDir(outDir);
  faultInjectionPoint();
}

/** The staging dir goes first and the journal last: a run stopped between them is complete. */
function finish(outDir: string): void {
  rmSync(join(outDir, STAGING_NAME), { recursive: true, force: true });
  faultInjectionPoint();
  rmSync(join(outDir, JOURNAL_NAME), { force: true });
  fsyncDir(outDir);
  faultInjectionPoint();
}

/** Removes `dir` and then its parents while they are empty, stopping below `outDir`. */
function pruneEmptyDirs(outDir: string, dir: string): void {
  for (let d = dir; d.startsWith(outDir + sep); d = dirname(d)) {
    if (readdirSync(d).length > 0) return;
    rmdirSync(d);
  }
}

function serializeJournal(journal: Journal): string {
  const { removals, writes, manifest } = journal;
  return `${JSON.stringify({ version: VERSION, removals, writes, manifest }, null, 2)}\n`;
}

/** Checks every field: a journal names files to delete, so a hand-edited one must not escape. */
function parseJournal(text: string, file: string): Journal {
  const data = parseJson(text);
  const why = journalProblem(data);
  if (why !== undefined) {
    throw new OutDirError(
      `${displayPath(file)} is not a gen-nix journal (${why}), so the run that left it cannot be ` +
        "completed; delete it and run gen-nix again",
    );
  }
  const journal = data as Journal;
  parseManifest(journal.manifest, file);
  return journal;
}

function journalProblem(data: unknown): string | undefined {
  const version: unknown = typeof data === "object" && data !== null ? Reflect.get(data, "version") : undefined;
  if (typeof data !== "object" || data === null || (version !== 1 && version !== VERSION)) {
    return `expected { "version": ${VERSION}, ... }`;
  }
  const removals: unknown = Reflect.get(data, "removals");
  const writes: unknown = Reflect.get(data, "writes");
  if (typeof Reflect.get(data, "manifest") !== "string") return "no manifest";
  if (!Array.isArray(removals) || !Array.isArray(writes)) return "no removals or writes";
  const paths: unknown[] = [...removals, ...writes.map((w: unknown) => (isWrite(w) ? w.path : w))];
  const unsafe = paths.find((p) => typeof p !== "string" || !isOutPath(p));
  return unsafe === undefined ? undefined : `${JSON.stringify(unsafe)} is not a path inside the out dir`;
}

function isWrite(value: unknown): value is StagedWrite {
  if (typeof value !== "object" || value === null) return false;
  const { path, staged, hash } = value as Record<string, unknown>;
  return typeof path === "string" && typeof staged === "string" && /^\d+$/.test(staged) && isContentHash(hash);
}
