// One writing run at a time per out dir: the lock a run holds, what a second run and --check do
// while it is held, and how the lock of a run that was killed is taken over.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync, statSync, utimesSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { checkFiles } from "../src/check.ts";
import { OutDirError } from "../src/errors.ts";
import { runCli } from "../src/main.ts";
import { LOCK_NAME } from "../src/manifest.ts";
import { writeFiles } from "../src/write.ts";
import { readTree, removeTempDirs, tempDir, writeTree } from "./support/fs.ts";
import { inProcess } from "./support/in-process.ts";

const FILES = [
  { path: "flake.nix", content: "{ }\n" },
  { path: "hosts/prod/default.nix", content: "{ prod }\n" },
];
const PAST = new Date("2001-02-03T04:05:06Z");

/** A process that is alive until the test ends it. */
let sleeper: ChildProcess;
test.before(() => {
  sleeper = spawn(process.execPath, ["-e", "setTimeout(() => {}, 60000)"], { stdio: "ignore" });
});
test.after(() => {
  sleeper.kill();
  removeTempDirs();
});

/** The pid of a process that has ended. */
const deadPid = (): number => spawnSync(process.execPath, ["-e", "0"]).pid!;

const lockText = (pid: number, host = hostname()): string => `${pid} ${host}\n`;

function heldError(fn: () => unknown, pattern: RegExp): void {
  assert.throws(fn, (error: unknown) => error instanceof OutDirError && pattern.test(error.message));
}

test("a run holds no lock once it is done, and an up-to-date run takes none", () => {
  const dir = tempDir();
  writeFiles(dir, FILES);
  assert.not.ok(existsSync(join(dir, LOCK_NAME)));
  // Nothing to do: the directory is not touched, so its mtime (which watchers see) stays put.
  utimesSync(dir, PAST, PAST);
  assert.is(writeFiles(dir, FILES).written, 0);
  assert.is(statSync(dir).mtimeMs, PAST.getTime());
});

test("while a live run holds the lock, a second run writes nothing and names it", () => {
  const dir = tempDir();
  writeTree(dir, { [LOCK_NAME]: lockText(sleeper.pid!) });
  heldError(() => writeFiles(dir, FILES), new RegExp(`another gen-nix run \\(pid ${sleeper.pid}\\) is writing this flake right now`));
  assert.equal(readTree(dir), { [LOCK_NAME]: lockText(sleeper.pid!) }, "nothing written, the lock kept");
  heldError(() => checkFiles(dir, FILES), /is writing this flake right now/);
});

test("a run and --check wait for the lock to be released, then do their work on the tree it left", () => {
  const dir = tempDir();
  writeTree(dir, { [LOCK_NAME]: lockText(sleeper.pid!) });
  const heard: string[] = [];
  const wait = { limitMs: 20_000, onWait: (who: string) => heard.push(who) };
  // The run holding the lock finishes 0.3 s from now (another process deletes its lock).
  const releaseSoon = (): ChildProcess =>
    spawn(process.execPath, ["-e", `setTimeout(() => require("node:fs").rmSync(${JSON.stringify(join(dir, LOCK_NAME))}), 300)`]);
  releaseSoon();
  assert.is(writeFiles(dir, FILES, wait).written, 2);
  assert.equal(heard, [`another gen-nix run (pid ${sleeper.pid})`], "told once whom it waited for");
  assert.not.ok(existsSync(join(dir, LOCK_NAME)), "its own lock released");
  writeTree(dir, { [LOCK_NAME]: lockText(sleeper.pid!) });
  releaseSoon();
  assert.is(checkFiles(dir, FILES, wait).interrupted, undefined);
  assert.is(heard.length, 2);
});

test("through the CLI: waits --wait seconds, then exit 2 and the lock to delete if no gen-nix runs", () => {
  const dir = tempDir();
  writeTree(dir, {
    "infra.config.ts": 'export default { hosts: { prod: { stateVersion: "26.05" } } };\n',
    [LOCK_NAME]: lockText(sleeper.pid!),
  });
  const { code, stderr } = inProcess(runCli, ["--wait", "0.2"], dir);
  assert.is(code, 2);
  assert.match(stderr, `gen-nix: waiting for another gen-nix run (pid ${sleeper.pid}) to finish writing the flake\n`);
  assert.match(stderr, `gen-nix: another gen-nix run (pid ${sleeper.pid}) is still writing this flake after 0.2 s`);
  assert.match(stderr, `${LOCK_NAME} if no gen-nix is running`);
  assert.not.ok(existsSync(join(dir, "flake.nix")));
  const check = inProcess(runCli, ["--check", "--wait", "0"], dir);
  assert.is(check.code, 2);
  assert.match(check.stderr, `(pid ${sleeper.pid}) is writing this flake right now`);
  assert.not.match(check.stderr, "waiting for");
  for (const bad of ["soon", "-1", ""]) {
    const usage = inProcess(runCli, [`--wait=${bad}`], dir);
    assert.equal([usage.code, usage.stderr.split("\n")[0]], [2, `gen-nix: --wait takes a number of seconds (0 or more), got ${JSON.stringify(bad)}`]);
  }
});

test("a lock written on another machine is held: its process cannot be looked for", () => {
  const dir = tempDir();
  writeTree(dir, { [LOCK_NAME]: lockText(deadPid(), "build-box") });
  heldError(() => writeFiles(dir, FILES), /\(pid \d+ on build-box\)/);
});

test("a killed run's lock: --check reports it, the next run takes it over and says so", () => {
  const dir = tempDir();
  writeFiles(dir, FILES);
  writeTree(dir, { [LOCK_NAME]: lockText(deadPid()) });
  assert.is(checkFiles(dir, FILES).interrupted, "leftovers", "up to date, but a run was stopped");
  // Up to date, yet the run goes through the lock, so that the leftover is gone after it.
  assert.is(writeFiles(dir, FILES).recovered, "cleaned");
  assert.not.ok(existsSync(join(dir, LOCK_NAME)));
  assert.is(checkFiles(dir, FILES).interrupted, undefined);
});

test("a lock from before the machine booted is dead even when its pid runs again", () => {
  const dir = tempDir();
  writeTree(dir, { [LOCK_NAME]: lockText(sleeper.pid!) });
  utimesSync(join(dir, LOCK_NAME), PAST, PAST);
  assert.is(writeFiles(dir, FILES).written, 2);
  assert.not.ok(existsSync(join(dir, LOCK_NAME)));
});

test("a lock without a pid is one being written while fresh, and a broken one when old", () => {
  const dir = tempDir();
  writeTree(dir, { [LOCK_NAME]: "" });
  heldError(() => writeFiles(dir, FILES), /^another gen-nix run is writing this flake/);
  utimesSync(join(dir, LOCK_NAME), PAST, PAST);
  assert.is(writeFiles(dir, FILES).written, 2);
  assert.not.ok(existsSync(join(dir, LOCK_NAME)));
});

test("a lock this very process would hold is stale: runs in one process never overlap", () => {
  const dir = tempDir();
  writeTree(dir, { [LOCK_NAME]: lockText(process.pid) });
  assert.is(writeFiles(dir, FILES).written, 2);
});

test.run();
