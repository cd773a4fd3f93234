// What keeps a cold start of the bundled CLI short, checked on the bundle as `pnpm build` makes it:
// each of these once cost several milliseconds of every run without anything failing.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { spawn } from "node:child_process";
import { cpSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { cliBundle, runCliProcess } from "./support/cli-process.ts";
import { readTree, removeTempDirs, tempDir } from "./support/fs.ts";

const FIXTURES = new URL("../../../fixtures/", import.meta.url);
const GOLDEN = new URL("../../../golden/", import.meta.url);

/** A copy of a fixture (the bundled example, hetzner-prod, by default) in a temp dir, which it returns. */
function example(fixture = "hetzner-prod"): string {
  const dir = tempDir();
  cpSync(new URL(fixture, FIXTURES), dir, { recursive: true });
  return dir;
}

/** Loaded with --require before the bundle: counts the functions built from strings at run time. */
const COUNT_NEW_FUNCTION = `
const { writeSync } = require("node:fs");
let built = 0;
// zod first probes once whether it may (\`new Function("")\`): only functions with a body count.
globalThis.Function = new Proxy(Function, { construct: (target, args) => (args.join("") !== "" && built++, Reflect.construct(target, args)) });
process.on("exit", () => writeSync(2, "functions built from strings: " + built + "\\n"));
`;

/** Loaded with --require before the bundle: prints which of node's own modules were loaded. */
const LIST_NODE_MODULES = `
const { writeSync } = require("node:fs");
process.on("exit", () => writeSync(2, process.moduleLoadList.join("\\n") + "\\n"));
`;

/** Runs the bundle on `dir` with `preload` (source) loaded first; exit code and stderr. */
function runWith(preload: string, dir: string, args: string[] = []): { code: number | null; stderr: string } {
  const file = join(tempDir(), "preload.cjs");
  writeFileSync(file, preload);
  return runCliProcess(args, dir, { NODE_OPTIONS: `--require ${file}` });
}

test("a run that prints no coloured message loads none of node:tty, node:net, node:crypto, node's streams", () => {
  for (const args of [[], ["--json"]]) {
    const { code, stderr } = runWith(LIST_NODE_MODULES, example(), args);
    assert.is(code, 0, stderr);
    assert.ok(stderr.includes("NativeModule fs\n"), "the list of loaded modules");
    for (const name of ["tty", "net", "crypto", "stream"]) assert.not.ok(stderr.includes(`NativeModule ${name}\n`), `${name} with ${args.join(" ")}`);
  }
});

test("stdout closed early (`gen-nix --check | head -1`) is a failed write, exit 74, not a crash", async () => {
  const dir = example();
  const child = spawn(process.execPath, [await cliBundle(), "--check"], { cwd: dir, stdio: ["ignore", "pipe", "pipe"] });
  child.stdout.destroy();
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => void (stderr += chunk));
  const code = await new Promise((done) => child.on("close", done));
  assert.equal([code, stderr], [74, "gen-nix: EPIPE: broken pipe, write\n"]);
});

test("a run on a config of one host compiles no zod fast-path parsers", () => {
  const { code, stderr } = runWith(COUNT_NEW_FUNCTION, example());
  assert.is(code, 0, stderr);
  assert.is(stderr, "functions built from strings: 0\n");
});

test("the config's compiled code is kept beside the bundle; a second run takes it from there", async () => {
  const dir = example();
  const source = readFileSync(join(dir, "infra.config.ts"), "utf8");
  const cacheDir = join(dirname(await cliBundle()), "config-cache");
  const entries = (): string[] =>
    (existsSync(cacheDir) ? readdirSync(cacheDir) : []).filter((name) => {
      const text = readFileSync(join(cacheDir, name), "utf8");
      return (JSON.parse(text) as { input: string }).input.endsWith(`\n${source}`);
    });
  const first = runCliProcess([], dir);
  assert.equal([first.code, first.stdout], [0, "gen-nix: 6 written, 0 unchanged, 0 removed\n"]);
  const [entry] = entries();
  assert.ok(entry !== undefined, "an entry for the config");
  const stored = statSync(join(cacheDir, entry)).mtimeMs;
  const second = runCliProcess([], dir);
  assert.equal([second.code, second.stdout], [0, "gen-nix: 0 written, 6 unchanged, 0 removed\n"]);
  assert.is(statSync(join(cacheDir, entry)).mtimeMs, stored, "taken from the cache, not stored again");
});

test("the bundle holds only the zod the DSL uses: its modules import zod `* as z`, not the `z` object", async () => {
  // `import { z } from "zod"` makes esbuild build zod's namespace object, which holds every export
  // of zod: its translations of messages come along, and ~1,000 getters are defined at each start.
  const bundle = readFileSync(await cliBundle(), "utf8");
  assert.not.ok(bundle.includes("Ongeldige invoer"), "zod's Dutch messages are in the bundle");
});

test("yaml, which the bundle runs only when first used, still writes compose files and reads them", () => {
  const dir = example("stacks-compose");
  const run = runCliProcess([], dir);
  assert.is(run.code, 0, run.stderr);
  const golden = readTree(fileURLToPath(new URL("stacks-compose", GOLDEN)));
  const written = readTree(dir);
  const composeFiles = Object.keys(golden).filter((path) => path.endsWith("docker-compose.yml"));
  assert.ok(composeFiles.length > 0);
  for (const path of composeFiles) assert.is(written[path], golden[path], path);

  const webapp = example("import/webapp");
  const imported = runCliProcess(["import", "docker-compose.yml", "--name", "webapp"], webapp);
  assert.equal([imported.code, imported.stdout], [1, readFileSync(join(webapp, "snippet.ts.golden"), "utf8")]);
});

test.before(async () => void (await cliBundle()));
test.after(removeTempDirs);
test.run();
