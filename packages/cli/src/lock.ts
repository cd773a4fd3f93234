// One writing run at a time per out dir. Two runs at once (a pre-commit hook and an editor's
// on-save task, say) would stage into the same directory and complete each other's journal
// half-way. A run that writes creates `.gen-nix.lock` exclusively, with its pid and host name,
// and deletes it when done; a second run, or `--check`, waits for it (runs take a second or so).
// A lock whose process is gone was left by a run that was killed: the next run takes it over, and
// until then `--check` reports it as a leftover.
import { closeSync, linkSync, openSync, readFileSync, renameSync, rmSync, statSync, writeSync } from "node:fs";
import { hostname, uptime } from "node:os";
import { join } from "node:path";
import { OutDirError, displayPath, isErrno } from "./errors.ts";
import { faultInjectionPoint } from "./fault-injection.ts";
import { LOCK_NAME } from "./manifest.ts";

/** A lock someone holds or held. */
interface LockHolder {
  /** Undefined when the file is not a lock gen-nix wrote whole (a run killed while writing it). */
  readonly pid: number | undefined;
  readonly host: string | undefined;
  /** Whether its run may still be going: a live process, another machine, or a lock still being written. */
  readonly live: boolean;
  /** The lock file's text. */
  readonly text: string;
}

/** A lock without a pid this young may be one another run is writing right now. */
const UNFINISHED_GRACE_MS = 10_000;

/** How often a waiting run looks at the lock again. */
const POLL_MS = 50;

/** How long to wait for another run's lock (ms; 0: fail at once), and who hears, once, whom the run waits for. */
export interface LockWait {
  readonly limitMs: number;
  readonly onWait?: (who: string) => void;
}

/** No waiting: in-process callers (tests, tools) that would rather know at once. */
export const NO_WAIT: LockWait = { limitMs: 0 };

/** Blocks the thread for `ms` (nothing else runs meanwhile: the CLI is synchronous). */
function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Waits while a live run holds the lock in `file`: returns the holder found once none is live
 * (undefined: no lock), or throws OutDirError when the wait limit passes first.
 */
function awaitRelease(file: string, wait: LockWait): LockHolder | undefined {
  let holder = lockHolder(file);
  if (!holder?.live) return holder;
  const limit = wait.limitMs;
  if (limit > 0) wait.onWait?.(who(holder));
  const start = Date.now();
  while (holder?.live) {
    const waited = Date.now() - start;
    if (waited >= limit) throw heldBy(holder, file, limit);
    sleep(Math.min(POLL_MS, limit - waited));
    holder = lockHolder(file);
  }
  return holder;
}

/** The holder of the lock in `file`, or undefined when there is none. */
function lockHolder(file: string): LockHolder | undefined {
  let text: string;
  let age: number;
  try {
    text = readFileSync(file, "utf8");
    age = Date.now() - statSync(file).mtimeMs;
  } catch (error) {
    if (isErrno(error, "ENOENT", "ENOTDIR")) return undefined;
    throw error;
  }
  return parseHolder(text, age);
}

/**
 * The holder a lock's `text` names. Its `age` (ms) tells a lock being written from a broken one,
 * and one from before the machine booted (a power cut) from a live one whose pid was reused.
 */
function parseHolder(text: string, age: number): LockHolder {
  const match = /^(\d+) (\S*)\n$/.exec(text);
  if (match === null) return { pid: undefined, host: undefined, live: age < UNFINISHED_GRACE_MS, text };
  const pid = Number(match[1]);
  const host = match[2]!;
  // Only a process on this machine can be looked for; this very process holds no lock between runs.
  const here = host === hostname();
  const live = !here || (pid !== process.pid && age < uptime() * 1000 && processExists(pid));
  return { pid, host, live, text };
}

/**
 * Whether a killed run's lock is in `outDir` (for --check), once no run holds it; throws
 * OutDirError when one still does after the wait.
 */
export function deadLockIn(outDir: string, wait: LockWait = NO_WAIT): boolean {
  return awaitRelease(join(outDir, LOCK_NAME), wait) !== undefined;
}

function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, under another user.
    return isErrno(error, "EPERM");
  }
}

/**
 * Takes `outDir`'s lock (the directory must exist) for a writing run, after another run's lock
 * is released; throws OutDirError, with nothing written, when another run still holds it after
 * the wait. Returns whether a killed run's lock was taken over, and the function that releases
 * the lock.
 */
export function lockOutDir(outDir: string, wait: LockWait = NO_WAIT): { release: () => void; tookOver: boolean } {
  const file = join(outDir, LOCK_NAME);
  const mine = `${process.pid} ${hostname()}\n`;
  let tookOver = false;
  for (;;) {
    let fd: number;
    try {
      fd = openSync(file, "wx");
    } catch (error) {
      if (!isErrno(error, "EEXIST")) throw error;
      const holder = awaitRelease(file, wait);
      if (holder !== undefined && takeOver(file, holder.text)) tookOver = true;
      continue;
    }
    try {
      writeSync(fd, mine);
    } finally {
      closeSync(fd);
    }
    faultInjectionPoint();
    return { release: () => release(file, mine), tookOver };
  }
}

/**
 * Removes a killed run's lock whose text was `dead`; returns whether it did. Two runs may find
 * the same dead lock at once: the lock is moved aside before it is deleted, and if what was moved
 * is not the dead lock but the one the other run has just created, it is put back, and this run
 * waits for it like for any other.
 */
function takeOver(file: string, dead: string): boolean {
  const aside = `${file}.${process.pid}`;
  try {
    renameSync(file, aside);
  } catch (error) {
    if (isErrno(error, "ENOENT")) return false;
    throw error;
  }
  const moved = readFileSync(aside, "utf8");
  if (moved === dead) {
    rmSync(aside, { force: true });
    return true;
  }
  try {
    linkSync(aside, file);
  } catch (error) {
    // Yet another run holds the lock now: this run waits for that one instead.
    if (!isErrno(error, "EEXIST")) throw error;
  } finally {
    rmSync(aside, { force: true });
  }
  return false;
}

/** Deletes the lock if it is still this run's. */
function release(file: string, mine: string): void {
  try {
    if (readFileSync(file, "utf8") === mine) rmSync(file, { force: true });
  } catch (error) {
    if (!isErrno(error, "ENOENT")) throw error;
  }
}

/** "another gen-nix run (pid 12 on build-box)" */
function who(holder: Pick<LockHolder, "pid" | "host">): string {
  if (holder.pid === undefined) return "another gen-nix run";
  return `another gen-nix run (pid ${holder.pid}${holder.host === hostname() ? "" : ` on ${holder.host}`})`;
}

/** The lock is still held after waiting `waited` ms. */
function heldBy(holder: Pick<LockHolder, "pid" | "host">, file: string, waited: number): OutDirError {
  const doing = waited === 0 ? "is writing this flake right now" : `is still writing this flake after ${(waited / 1000).toFixed(1)} s`;
  return new OutDirError(`${who(holder)} ${doing}; wait for it to finish, or delete ${displayPath(file)} if no gen-nix is running`);
}
