// --check: a unified diff of what a run would change (stale files and manifest included), and
// nothing written.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { checkFiles } from "../src/check.ts";
import { OutDirError } from "../src/errors.ts";
import { JOURNAL_NAME, MANIFEST_NAME, STAGING_NAME, contentHash } from "../src/manifest.ts";
import { writeFiles } from "../src/write.ts";
import { readTree, removeTempDirs, tempDir, writeTree } from "./support/fs.ts";

const FILES = [
  { path: "flake.nix", content: "{\n  a = 1;\n}\n" },
  { path: "hosts/prod/default.nix", content: "{ prod }\n" },
];

test("an empty out dir: every file and the manifest would be created; nothing is written", () => {
  const dir = tempDir();
  const result = checkFiles(dir, FILES);
  assert.equal([result.toWrite, result.toRemove], [2, 0]);
  assert.ok(result.diff.startsWith("--- /dev/null\n+++ b/flake.nix\n@@ -0,0 +1,3 @@\n+{\n+  a = 1;\n+}\n"));
  assert.match(result.diff, `--- /dev/null\n+++ b/${MANIFEST_NAME}\n`);
  assert.equal(readTree(dir), {});
});

test("up to date after a write: empty diff", () => {
  const dir = tempDir();
  writeFiles(dir, FILES);
  assert.equal(checkFiles(dir, FILES), { toWrite: 0, toRemove: 0, edited: 0, diff: "", interrupted: undefined });
});

test("a hand-edited file shows as a diff against what gen-nix would write", () => {
  const dir = tempDir();
  writeFiles(dir, FILES);
  writeTree(dir, { "flake.nix": "{\n  a = 2;\n}\n" });
  const result = checkFiles(dir, FILES);
  assert.is(result.diff, "--- a/flake.nix\n+++ b/flake.nix\n@@ -1,3 +1,3 @@\n {\n-  a = 2;\n+  a = 1;\n }\n");
  assert.is(readTree(dir)["flake.nix"], "{\n  a = 2;\n}\n");
});

test("a stale own file shows as removed, followed by the manifest change", () => {
  const dir = tempDir();
  writeFiles(dir, FILES);
  const result = checkFiles(dir, FILES.slice(0, 1));
  assert.equal([result.toWrite, result.toRemove], [0, 1]);
  const removal = "--- a/hosts/prod/default.nix\n+++ /dev/null\n@@ -1,1 +0,0 @@\n-{ prod }\n";
  const flake = `"flake.nix": "${contentHash(FILES[0]!.content)}"`;
  const prod = `"hosts/prod/default.nix": "${contentHash(FILES[1]!.content)}"`;
  const manifest = `--- a/${MANIFEST_NAME}\n+++ b/${MANIFEST_NAME}\n@@ -1,7 +1,6 @@\n {\n   "version": 3,\n   "files": {\n-    ${flake},\n-    ${prod}\n+    ${flake}\n   }\n }\n`;
  assert.is(result.diff, removal + manifest);
  assert.ok("hosts/prod/default.nix" in readTree(dir));
});

test("a foreign file in the way fails the check as it would fail a run", () => {
  const dir = tempDir();
  writeTree(dir, { "flake.nix": "mine\n" });
  assert.throws(() => checkFiles(dir, FILES), (error: unknown) => error instanceof OutDirError);
});

test("a journal left by a stopped run: out of date, no diff, and nothing completed", () => {
  const dir = tempDir();
  writeFiles(dir, FILES);
  writeTree(dir, { [JOURNAL_NAME]: "{}", [`${STAGING_NAME}/0`]: "staged\n" });
  const before = readTree(dir);
  assert.equal(checkFiles(dir, FILES), { toWrite: 0, toRemove: 0, edited: 0, diff: "", interrupted: "journal" });
  assert.equal(readTree(dir), before);
});

test("staged or temp files without a journal: out of date even when every file matches", () => {
  const dir = tempDir();
  writeFiles(dir, FILES);
  writeTree(dir, { [`${STAGING_NAME}/0`]: "staged\n" });
  assert.equal(checkFiles(dir, FILES), { toWrite: 0, toRemove: 0, edited: 0, diff: "", interrupted: "leftovers" });
  const other = tempDir();
  writeFiles(other, FILES);
  writeTree(other, { "hosts/prod/default.nix.gen-nix-tmp-123": "half" });
  assert.is(checkFiles(other, FILES).interrupted, "leftovers");
  assert.ok("hosts/prod/default.nix.gen-nix-tmp-123" in readTree(other), "--check deletes nothing");
});

test("a file edited by hand since gen-nix wrote it is counted as such", () => {
  const dir = tempDir();
  writeFiles(dir, FILES);
  writeTree(dir, { "flake.nix": "{ }\n" });
  const result = checkFiles(dir, FILES.map((f) => ({ ...f, content: `${f.content}# 2\n` })));
  assert.equal([result.toWrite, result.edited], [2, 1]);
});

test.after(removeTempDirs);
test.run();
