// Crash safety, with real kills: the CLI (bundled from the sources, as `pnpm build` does) runs on
// a config whose output changed, and the fault-injection hook GEN_NIX_FAULT_INJECT_KILL_AFTER_STEP
// makes it SIGKILL itself after its N-th disk-changing step, for every N until a run gets through.
// After each kill the out dir must hold the old tree or the new tree byte for byte, or else
// `--check` must exit 1 and a plain run must then produce exactly the new tree. Only the killed
// runs are spawned; the checks and follow-up runs are in-process.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { rmSync } from "node:fs";
import { genNix } from "../src/gen-nix.ts";
import { JOURNAL_NAME, MANIFEST_NAME, STAGING_NAME } from "../src/manifest.ts";
import { cliBundle, runCliProcess, type ProcessResult } from "./support/cli-process.ts";
import { readTree, removeTempDirs, tempDir, writeTree } from "./support/fs.ts";
import { inProcess } from "./support/in-process.ts";

const KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJpIy7oP71q2Z+PQNjY39mhYtMF0beLn7TrHr6ZmxQMo alice@laptop";

/** v1 has a Caddy site for the app on port 8001; v2 moves it to 8002 and drops Caddy. */
function config(version: 1 | 2): string {
  const caddy = version === 1 ? 'caddy: { email: "ops@example.com", sites: { "web.example.com": { app: "web" } } },' : "";
  return `import { defineInfra } from "gen-nix";
export default defineInfra({
  inputs: { web: "github:example/web" },
  hosts: {
    prod: {
      stateVersion: "25.11",
      admins: { alice: { sshKeys: ["${KEY}"] } },
      apps: { web: { port: ${version === 1 ? 8001 : 8002}, package: { input: "web" }, start: "bun server.ts" } },
      ${caddy}
    },
  },
});
`;
}

type Tree = Record<string, string>;

/** genNix in-process in `dir`; stderr returned for the notes it prints. */
function run(dir: string, argv: string[] = []): { code: number; stderr: string } {
  return inProcess(genNix, argv, dir);
}

function dirWith(tree: Tree): string {
  const dir = tempDir();
  writeTree(dir, tree);
  return dir;
}

/** The old tree (v1's flake, plus a file of the user's, with the config already at v2) and v2's. */
function trees(): { oldTree: Tree; newTree: Tree } {
  const dir = dirWith({ "infra.config.ts": config(1), "hosts/prod/notes.md": "# mine\n" });
  assert.is(run(dir).code, 0);
  writeTree(dir, { "infra.config.ts": config(2) });
  const oldTree = readTree(dir);
  assert.is(run(dir).code, 0);
  const newTree = readTree(dir);
  // The change must exercise every kind of step: an update, a removal, files left alone.
  assert.ok(oldTree["hosts/prod/caddy.nix"] !== undefined && newTree["hosts/prod/caddy.nix"] === undefined);
  assert.ok(oldTree["hosts/prod/default.nix"] !== newTree["hosts/prod/default.nix"]);
  assert.ok(oldTree["hosts/prod/apps/web.nix"] !== newTree["hosts/prod/apps/web.nix"]);
  assert.is(oldTree["flake.nix"], newTree["flake.nix"]);
  return { oldTree, newTree };
}

/** Runs the CLI in `dir` with the hook set; the signal that stopped it, or its exit code. */
function runKilledAfter(dir: string, step: number): ProcessResult {
  return runCliProcess([], dir, { GEN_NIX_FAULT_INJECT_KILL_AFTER_STEP: String(step) });
}

type Outcome = "old" | "new" | "completed";

/** The guarantee, checked on a tree a kill left: old, new, or flagged by --check and completed. */
function assertRecoverable(dir: string, { oldTree, newTree }: ReturnType<typeof trees>, what: string): Outcome {
  const tree = readTree(dir);
  let outcome: Outcome = "completed";
  if (JSON.stringify(tree) === JSON.stringify(oldTree)) outcome = "old";
  else if (JSON.stringify(tree) === JSON.stringify(newTree)) outcome = "new";
  const check = run(dir, ["--check"]);
  assert.is(check.code, outcome === "new" ? 0 : 1, `${what}: --check on the ${outcome} tree`);
  if (JOURNAL_NAME in tree) assert.match(check.stderr, /an interrupted run left .*run gen-nix to complete it/, what);
  assert.is(run(dir).code, 0, `${what}: the following run`);
  assert.equal(readTree(dir), newTree, `${what}: the following run's tree`);
  assert.is(run(dir, ["--check"]).code, 0, `${what}: --check after it`);
  return outcome;
}

/** Kills a run on a copy of `start` after each step in turn; the trees the kills left. */
function killAtEveryStep(start: Tree, expected: ReturnType<typeof trees>, label: string): Map<number, Tree> {
  const left = new Map<number, Tree>();
  const outcomes = new Set<Outcome>();
  for (let step = 1; ; step++) {
    assert.ok(step < 100, `${label}: the run never finished`);
    const dir = dirWith(start);
    const child = runKilledAfter(dir, step);
    if (child.signal === null) {
      assert.is(child.code, 0, `${label}: the run past the last step\n${child.stderr}`);
      assert.equal(readTree(dir), expected.newTree, `${label}: the run that was not killed`);
      break;
    }
    assert.is(child.signal, "SIGKILL", `${label}, step ${step}`);
    left.set(step, readTree(dir));
    outcomes.add(assertRecoverable(dir, expected, `${label}, killed after step ${step}`));
    rmSync(dir, { recursive: true, force: true });
  }
  // Guards against a hook that never fires, or fires where nothing is in flight.
  assert.ok(left.size >= 3, `${label}: only ${left.size} steps`);
  assert.ok(outcomes.has("completed"), `${label}: no kill left a half-done tree to complete`);
  return left;
}

test.before(async () => void (await cliBundle()));

/** The trees and the first loop's kills, shared by the tests below (uvu runs them in order). */
let expected: ReturnType<typeof trees>;
let left: Map<number, Tree>;

test("a run SIGKILLed after any step leaves the old tree, the new tree, or one the next run completes", () => {
  expected = trees();
  left = killAtEveryStep(expected.oldTree, expected, "first run");
  const stopped = [...left.values()];
  // Stopped while staging, and stopped half-way through the tree with the journal in place.
  assert.ok(stopped.some((t) => !(JOURNAL_NAME in t) && Object.keys(t).some((p) => p.startsWith(`${STAGING_NAME}/`))));
  assert.ok(stopped.some(isHalfway));
});

/** The journal written, the tree partly updated, the manifest still the old one. */
function isHalfway(tree: Tree): boolean {
  const { oldTree, newTree } = expected;
  const updated = tree["hosts/prod/default.nix"] === newTree["hosts/prod/default.nix"];
  const pending = tree["hosts/prod/apps/web.nix"] === oldTree["hosts/prod/apps/web.nix"];
  return JOURNAL_NAME in tree && updated && pending && tree[MANIFEST_NAME] === oldTree[MANIFEST_NAME];
}

test("the run that completes a stopped one is itself safe to kill at any step", () => {
  const halfway = [...left.values()].find(isHalfway);
  assert.ok(halfway !== undefined, "a kill half-way through the tree");
  killAtEveryStep(halfway, expected, "recovering run");
});

test("a journal whose staged files are gone is rolled back, and the run still ends at the new tree", () => {
  let rolledBack = 0;
  for (const [step, tree] of left) {
    if (!(JOURNAL_NAME in tree)) continue;
    const dir = dirWith(Object.fromEntries(Object.entries(tree).filter(([p]) => !p.startsWith(`${STAGING_NAME}/`))));
    assert.is(run(dir, ["--check"]).code, 1, `step ${step}`);
    const { code, stderr } = run(dir);
    assert.is(code, 0, `step ${step}`);
    if (/its staged files are gone/.test(stderr)) rolledBack++;
    else assert.match(stderr, /completed an earlier run/, `step ${step}`);
    assert.equal(readTree(dir), expected.newTree, `step ${step}`);
    assert.is(run(dir, ["--check"]).code, 0, `step ${step}`);
  }
  assert.ok(rolledBack > 0, "no state needed a roll-back");
});

test.after(removeTempDirs);
test.run();
