// The writer: only changed files, atomically, manifest last, own stale files removed, foreign
// files never touched. "Not rewritten" is shown without spies: mtimes set in the past stay put.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { createHash } from "node:crypto";
import { existsSync, statSync, utimesSync } from "node:fs";
import { dirname, join } from "node:path";
import { OutDirError } from "../src/errors.ts";
import { JOURNAL_NAME, MANIFEST_NAME, STAGING_NAME, contentHash, hashMatches, serializeManifest } from "../src/manifest.ts";
import { planOutput } from "../src/plan.ts";
import { writeFiles } from "../src/write.ts";

/** The manifest gen-nix writes for `files`. */
const manifestFor = (files: Iterable<{ readonly path: string; readonly content: string }>): string =>
  serializeManifest([...files].map(({ path, content }) => [path, contentHash(content)] as const));
import { listDirs, readTree, removeTempDirs, tempDir, writeTree } from "./support/fs.ts";

const FILES = [
  { path: "flake.nix", content: "{ }\n" },
  { path: "hosts/prod/default.nix", content: "{ prod }\n" },
  { path: "hosts/prod/apps/web.nix", content: "{ web }\n" },
];

const PAST = new Date("2001-02-03T04:05:06Z");

function backdate(dir: string, path: string): void {
  utimesSync(join(dir, path), PAST, PAST);
}

function isBackdated(dir: string, path: string): boolean {
  return statSync(join(dir, path)).mtimeMs === PAST.getTime();
}

function throwsOutDirError(fn: () => unknown, pattern: RegExp): void {
  assert.throws(fn, (error: unknown) => error instanceof OutDirError && pattern.test(error.message));
}

/** FNV-1a, 64-bit, of the UTF-8 bytes, straight from its definition (BigInt arithmetic). */
function fnv1a64(content: string): string {
  let hash = 0xcbf29ce484222325n;
  for (const byte of Buffer.from(content, "utf8")) hash = ((hash ^ BigInt(byte)) * 0x100000001b3n) % 2n ** 64n;
  return `fnv1a64:${hash.toString(16).padStart(16, "0")}`;
}

const sha256 = (content: string) => `sha256:${createHash("sha256").update(content).digest("hex")}`;

test("contentHash is 64-bit FNV-1a of the UTF-8 bytes", () => {
  // The published test vectors for "", "a" and "foobar", then texts of every length up to 300 bytes.
  assert.is(contentHash(""), "fnv1a64:cbf29ce484222325");
  assert.is(contentHash("a"), "fnv1a64:af63dc4c8601ec8c");
  assert.is(contentHash("foobar"), "fnv1a64:85944171f73967e8");
  for (let n = 0; n < 300; n++) {
    const text = "ß→\u{1F600}x\n".repeat(n).slice(0, n);
    assert.is(contentHash(text), fnv1a64(text), `length ${n}`);
  }
});

test("hashMatches checks either hash against the content: FNV-1a, or sha256 as version 2 wrote it", () => {
  for (const [hash, content] of [[contentHash("{ }\n"), "{ }\n"], [sha256("{ }\n"), "{ }\n"]] as const) {
    assert.ok(hashMatches(hash, content), hash);
    assert.not.ok(hashMatches(hash, "{ x }\n"), hash);
  }
});

test("first run writes every file and a sorted manifest of their hashes, with a final newline", () => {
  const dir = tempDir();
  assert.equal(writeFiles(dir, FILES), { written: 3, unchanged: 0, removed: 0, recovered: "none" });
  const hash = fnv1a64;
  const manifest = `{
  "version": 3,
  "files": {
    "flake.nix": "${hash("{ }\n")}",
    "hosts/prod/apps/web.nix": "${hash("{ web }\n")}",
    "hosts/prod/default.nix": "${hash("{ prod }\n")}"
  }
}
`;
  assert.equal(readTree(dir), {
    [MANIFEST_NAME]: manifest,
    "flake.nix": "{ }\n",
    "hosts/prod/apps/web.nix": "{ web }\n",
    "hosts/prod/default.nix": "{ prod }\n",
  });
});

test("a rerun with the same files rewrites nothing, manifest included", () => {
  const dir = tempDir();
  writeFiles(dir, FILES);
  for (const path of [...FILES.map((f) => f.path), MANIFEST_NAME]) backdate(dir, path);
  assert.equal(writeFiles(dir, FILES), { written: 0, unchanged: 3, removed: 0, recovered: "none" });
  for (const path of [...FILES.map((f) => f.path), MANIFEST_NAME]) assert.ok(isBackdated(dir, path), path);
});

test("only the changed file is rewritten", () => {
  const dir = tempDir();
  writeFiles(dir, FILES);
  for (const { path } of FILES) backdate(dir, path);
  const changed = FILES.map((f) => (f.path === "flake.nix" ? { ...f, content: "{ x = 1; }\n" } : f));
  assert.equal(writeFiles(dir, changed), { written: 1, unchanged: 2, removed: 0, recovered: "none" });
  assert.ok(!isBackdated(dir, "flake.nix"));
  assert.ok(isBackdated(dir, "hosts/prod/default.nix"));
  assert.is(readTree(dir)["flake.nix"], "{ x = 1; }\n");
});

test("own files no longer generated are removed, with the dirs they leave empty", () => {
  const dir = tempDir();
  writeFiles(dir, FILES);
  writeTree(dir, { "hosts/prod/notes.txt": "mine\n" });
  const summary = writeFiles(dir, FILES.slice(0, 1));
  assert.equal(summary, { written: 0, unchanged: 1, removed: 2, recovered: "none" });
  assert.equal(Object.keys(readTree(dir)), [MANIFEST_NAME, "flake.nix", "hosts/prod/notes.txt"]);
  // apps/ became empty and went; prod/ still holds a foreign file and stays.
  assert.equal(listDirs(dir), ["hosts", "hosts/prod"]);
});

test("files that are not in the manifest are never touched", () => {
  const dir = tempDir();
  writeTree(dir, { "README.md": "# infra\n", "hosts/prod/hardware-configuration.nix": "{ hw }\n" });
  backdate(dir, "README.md");
  writeFiles(dir, FILES);
  writeFiles(dir, []);
  assert.equal(readTree(dir), {
    [MANIFEST_NAME]: '{\n  "version": 3,\n  "files": {}\n}\n',
    "README.md": "# infra\n",
    "hosts/prod/hardware-configuration.nix": "{ hw }\n",
  });
  assert.ok(isBackdated(dir, "README.md"));
});

test("refuses to overwrite a foreign file and writes nothing at all", () => {
  const dir = tempDir();
  writeTree(dir, { "hosts/prod/default.nix": "{ hand-written }\n" });
  throwsOutDirError(() => writeFiles(dir, FILES), /refusing to overwrite[^]*hosts\/prod\/default\.nix/);
  assert.equal(readTree(dir), { "hosts/prod/default.nix": "{ hand-written }\n" });
});

test("a foreign file with identical content is adopted, not refused", () => {
  const dir = tempDir();
  writeTree(dir, { "flake.nix": "{ }\n" });
  backdate(dir, "flake.nix");
  assert.equal(writeFiles(dir, FILES), { written: 2, unchanged: 1, removed: 0, recovered: "none" });
  assert.ok(isBackdated(dir, "flake.nix"));
  assert.match(readTree(dir)[MANIFEST_NAME] ?? "", /"flake\.nix"/);
});

test("a foreign file where a generated directory must go is refused", () => {
  const dir = tempDir();
  writeTree(dir, { hosts: "not a dir\n" });
  throwsOutDirError(() => writeFiles(dir, FILES), /hosts\n/);
  assert.equal(readTree(dir), { hosts: "not a dir\n" });
});

test("an own stale file where a generated directory must go is replaced", () => {
  const dir = tempDir();
  writeFiles(dir, [{ path: "hosts", content: "old\n" }]);
  assert.equal(writeFiles(dir, FILES), { written: 3, unchanged: 0, removed: 1, recovered: "none" });
  assert.is(readTree(dir)["hosts/prod/default.nix"], "{ prod }\n");
});

test("a manifest entry outside the out dir is refused, and nothing is removed", () => {
  const parent = tempDir();
  const dir = join(parent, "out");
  writeTree(parent, { "victim.txt": "keep\n", [`out/${MANIFEST_NAME}`]: '{ "version": 1, "files": ["../victim.txt"] }\n' });
  throwsOutDirError(() => writeFiles(dir, FILES), /is not a gen-nix manifest \("\.\.\/victim\.txt" is not a path inside/);
  assert.ok(existsSync(join(parent, "victim.txt")));
});

test("an out dir that is a file is refused", () => {
  const dir = join(tempDir(), "flake");
  writeTree(dirname(dir), { flake: "a file\n" });
  throwsOutDirError(() => writeFiles(dir, FILES), /flake is not a directory$/);
});

test("a manifest that is not JSON is refused", () => {
  const dir = tempDir();
  writeTree(dir, { [MANIFEST_NAME]: "nope" });
  throwsOutDirError(() => writeFiles(dir, FILES), /is not a gen-nix manifest/);
});

test("creates a missing out dir, and leaves no temp files behind", () => {
  const dir = join(tempDir(), "a", "b");
  writeFiles(dir, FILES);
  writeFiles(dir, FILES.map((f) => ({ ...f, content: `${f.content}# 2\n` })));
  writeFiles(dir, FILES.slice(1));
  assert.equal(Object.keys(readTree(dir)).filter((p) => p.includes(".gen-nix-tmp")), []);
});

test("an emitter path escaping the out dir is a bug, not a write", () => {
  const dir = tempDir();
  for (const path of ["../x.nix", "/etc/x.nix", "a//b.nix", "./a.nix", MANIFEST_NAME]) {
    assert.throws(() => writeFiles(dir, [{ path, content: "" }]), /\(bug\)/, path);
  }
  assert.equal(readTree(dir), {});
});

test("temp files a killed older version left beside its files are deleted; look-alikes elsewhere are not", () => {
  const dir = tempDir();
  writeFiles(dir, FILES);
  const leftovers = {
    "flake.nix.gen-nix-tmp-4242": "half",
    "hosts/prod/default.nix.gen-nix-tmp-17": "half",
    [`${MANIFEST_NAME}.gen-nix-tmp-9`]: "half",
  };
  const foreign = { "notes.txt.gen-nix-tmp-1": "mine\n", "hosts/prod/default.nix.gen-nix-tmp-x": "mine\n" };
  writeTree(dir, { ...leftovers, ...foreign });
  assert.equal(writeFiles(dir, FILES), { written: 0, unchanged: 3, removed: 0, recovered: "cleaned" });
  const tree = readTree(dir);
  for (const path of Object.keys(leftovers)) assert.not.ok(path in tree, path);
  for (const path of Object.keys(foreign)) assert.ok(path in tree, path);
});

test("a staging dir without a journal is deleted; the tree it never touched is then updated", () => {
  const dir = tempDir();
  writeFiles(dir, FILES);
  writeTree(dir, { [`${STAGING_NAME}/0`]: "{ half }\n" });
  const changed = [{ path: "flake.nix", content: "{ x = 1; }\n" }];
  assert.equal(writeFiles(dir, changed), { written: 1, unchanged: 0, removed: 2, recovered: "cleaned" });
  assert.equal(Object.keys(readTree(dir)), [MANIFEST_NAME, "flake.nix"]);
});

test("a journal that is not one gen-nix wrote is refused, and nothing is touched", () => {
  const parent = tempDir();
  const dir = join(parent, "out");
  writeTree(parent, { "victim.txt": "keep\n" });
  writeFiles(dir, FILES);
  const manifest = readTree(dir)[MANIFEST_NAME]!;
  for (const journal of ["nope", '{ "version": 1 }', JSON.stringify({ version: 1, removals: ["../victim.txt"], writes: [], manifest })]) {
    writeTree(dir, { [JOURNAL_NAME]: journal });
    throwsOutDirError(() => writeFiles(dir, FILES), /is not a gen-nix journal \([^)]+\), so the run that left it cannot be completed/);
  }
  assert.ok(existsSync(join(parent, "victim.txt")));
  assert.is(readTree(dir)["flake.nix"], "{ }\n");
});

test("a journal whose staged files are gone: files it moved into place become own, no others", () => {
  const dir = tempDir();
  writeFiles(dir, FILES);
  const moved = { path: "extra.nix", content: "{ extra }\n" };
  const lost = { path: "other.nix", content: "{ other }\n" };
  const journal = {
    version: 2,
    removals: [],
    writes: [moved, lost].map(({ path, content }, i) => ({ path, staged: String(i), hash: contentHash(content) })),
    manifest: manifestFor([...FILES, moved, lost]),
  };
  // The stopped run had moved extra.nix in; other.nix was then created by hand.
  writeTree(dir, { [JOURNAL_NAME]: JSON.stringify(journal), [moved.path]: moved.content, [lost.path]: "mine\n" });
  const next = [...FILES, { ...moved, content: "{ extra = 2; }\n" }, lost];
  throwsOutDirError(() => writeFiles(dir, next), /refusing to overwrite[^]*\n {2}[^\n]*other\.nix\n[^ ]/);
  const tree = readTree(dir);
  assert.not.ok(JOURNAL_NAME in tree);
  assert.match(tree[MANIFEST_NAME]!, /"extra\.nix"/);
  assert.not.match(tree[MANIFEST_NAME]!, /"other\.nix"/);
  assert.is(tree[lost.path], "mine\n");
  assert.equal(writeFiles(dir, [...FILES, next[3]!]).written, 1);
});

test("a version-1 journal (sha256 hashes) that an older gen-nix left is completed", () => {
  const dir = tempDir();
  writeTree(dir, Object.fromEntries(FILES.map((f) => [f.path, f.content])));
  writeTree(dir, { [MANIFEST_NAME]: manifestV2(FILES) });
  const next = FILES.map((f) => ({ ...f, content: `${f.content}# 2\n` }));
  // Stopped after moving the first file into place: the second is still staged.
  const journal = {
    version: 1,
    removals: [],
    writes: next.slice(0, 2).map(({ path, content }, i) => ({ path, staged: String(i), hash: sha256(content) })),
    manifest: manifestV2(next),
  };
  writeTree(dir, { [JOURNAL_NAME]: JSON.stringify(journal), [next[0]!.path]: next[0]!.content, [`${STAGING_NAME}/1`]: next[1]!.content });
  assert.equal(writeFiles(dir, next), { written: 1, unchanged: 2, removed: 0, recovered: "completed" });
  assert.equal(readTree(dir), { [MANIFEST_NAME]: manifestFor(next), ...Object.fromEntries(next.map((f) => [f.path, f.content])) });
});

test("a hand-edited own file is told apart by its hash, and rewritten", () => {
  const dir = tempDir();
  writeFiles(dir, FILES);
  writeTree(dir, { "flake.nix": "{ edited = true; }\n" });
  assert.equal(planOutput(dir, FILES).writes.map((w) => [w.path, w.edited]), [["flake.nix", true]]);
  const changed = FILES.map((f) => ({ ...f, content: `${f.content}# 2\n` }));
  assert.equal(planOutput(dir, changed).writes.map((w) => w.edited), [true, false, false]);
  writeFiles(dir, FILES);
  assert.is(readTree(dir)["flake.nix"], "{ }\n");
});

test("a version-1 manifest (paths, no hashes) is read, and rewritten as version 3", () => {
  const dir = tempDir();
  writeTree(dir, { "flake.nix": "{ old }\n", [MANIFEST_NAME]: '{ "version": 1, "files": ["flake.nix", "gone.nix"] }\n', "gone.nix": "x\n" });
  assert.equal(writeFiles(dir, FILES.slice(0, 1)), { written: 1, unchanged: 0, removed: 1, recovered: "none" });
  assert.is(readTree(dir)[MANIFEST_NAME], manifestFor(FILES.slice(0, 1)));
  assert.match(readTree(dir)[MANIFEST_NAME]!, /^\{\n {2}"version": 3,\n {2}"files": \{\n {4}"flake\.nix": "fnv1a64:[0-9a-f]{16}"\n {2}\}\n\}\n$/);
});

/** A version-2 manifest, as gen-nix wrote them before version 3: sha256 of each file's bytes. */
function manifestV2(files: readonly { path: string; content: string }[]): string {
  const lines = files.map(({ path, content }) => `    ${JSON.stringify(path)}: "${sha256(content)}"`);
  return `{\n  "version": 2,\n  "files": {\n${lines.join(",\n")}\n  }\n}\n`;
}

test("a version-2 manifest keeps working: its files are gen-nix's, hand edits show by sha256", () => {
  const dir = tempDir();
  const gone = { path: "gone.nix", content: "{ gone }\n" };
  writeTree(dir, Object.fromEntries([...FILES, gone].map((f) => [f.path, f.content])));
  writeTree(dir, { [MANIFEST_NAME]: manifestV2([...FILES, gone]), "flake.nix": "{ edited = true; }\n" });
  const changed = FILES.map((f) => (f.path === "flake.nix" ? f : { ...f, content: `${f.content}# 2\n` }));
  const plan = planOutput(dir, changed);
  assert.equal(plan.writes.map((w) => [w.path, w.edited]), [["flake.nix", true], ["hosts/prod/default.nix", false], ["hosts/prod/apps/web.nix", false]]);
  assert.equal(plan.removals.map((r) => r.path), ["gone.nix"]);
  assert.equal(writeFiles(dir, changed), { written: 3, unchanged: 0, removed: 1, recovered: "none" });
  assert.is(readTree(dir)[MANIFEST_NAME], manifestFor(changed));
});

test("an up-to-date tree under a version-2 manifest: only the manifest is rewritten, as version 3", () => {
  const dir = tempDir();
  writeTree(dir, Object.fromEntries(FILES.map((f) => [f.path, f.content])));
  writeTree(dir, { [MANIFEST_NAME]: manifestV2(FILES) });
  for (const { path } of FILES) backdate(dir, path);
  const plan = planOutput(dir, FILES);
  assert.equal([plan.writes, plan.removals, plan.manifest.before], [[], [], manifestV2(FILES)]);
  assert.equal(writeFiles(dir, FILES), { written: 0, unchanged: 3, removed: 0, recovered: "none" });
  assert.is(readTree(dir)[MANIFEST_NAME], manifestFor(FILES));
  for (const { path } of FILES) assert.ok(isBackdated(dir, path), path);
});

test.after(removeTempDirs);
test.run();
