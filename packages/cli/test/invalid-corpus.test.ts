// The adversarial corpus: every fixtures/invalid/<case>/infra.config.ts is a config gen-nix must
// refuse. Each runs in-process through runCli on a temp copy of its directory and must exit 2,
// print exactly the snapshot beside it (expected.txt: the exit code and stderr; expected.json:
// the --json output), show no stack trace, and leave the directory as it was.
// UPDATE_SNAPSHOTS=1 rewrites the snapshots; review the diff. In expected.json, strings longer
// than 200 characters (the megabyte keys of the huge case, which --json reports whole) are
// summarised as "<N characters>".
import { test } from "uvu";
import * as assert from "uvu/assert";
import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { runCli } from "../src/main.ts";
import { readTree, removeTempDirs, tempDir } from "./support/fs.ts";
import { inProcess } from "./support/in-process.ts";

const CORPUS = fileURLToPath(new URL("../../../fixtures/invalid/", import.meta.url));
const UPDATE = process.env.UPDATE_SNAPSHOTS === "1";

const run = (argv: string[], cwd: string) => inProcess(runCli, argv, cwd);

function snapshot(file: string, actual: string): void {
  if (UPDATE) writeFileSync(file, actual);
  assert.ok(existsSync(file), `no snapshot ${file}; run with UPDATE_SNAPSHOTS=1`);
  assert.is(actual, readFileSync(file, "utf8"));
}

function noStackTrace(text: string): void {
  assert.not.match(text, /^\s+at /m, "a stack frame");
  assert.not.match(text, /node:internal|internal error/);
}

const cases = readdirSync(CORPUS, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();

test("the corpus has at least 50 cases", () => {
  assert.ok(cases.length >= 50, String(cases.length));
});

for (const name of cases) {
  test(name, () => {
    const dir = tempDir();
    cpSync(join(CORPUS, name), dir, { recursive: true });
    const before = readTree(dir);
    const text = run([], dir);
    const json = run(["--json"], dir);
    assert.equal([text.code, text.stdout, json.code, json.stderr], [2, "", 2, ""]);
    noStackTrace(text.stderr);
    noStackTrace(json.stdout);
    assert.equal(readTree(dir), before, "nothing written");
    const { errors, warnings } = JSON.parse(json.stdout);
    assert.ok(errors.length > 0 && Array.isArray(warnings));
    snapshot(join(CORPUS, name, "expected.txt"), `exit ${text.code}\n${text.stderr}`);
    const summarise = (_: string, v: unknown) => (typeof v === "string" && v.length > 200 ? `<${v.length} characters>` : v);
    snapshot(join(CORPUS, name, "expected.json"), `${JSON.stringify(JSON.parse(json.stdout), summarise, 2)}\n`);
  });
}

test.after(removeTempDirs);
test.run();
