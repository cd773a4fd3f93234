// What keeps a cold start of the bundled CLI short, checked on the bundle as `pnpm build` makes it:
// each of these once cost several milliseconds of every run without anything failing.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { cpSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { cliBundle, runCliProcess } from "./support/cli-process.ts";
import { removeTempDirs, tempDir } from "./support/fs.ts";

const EXAMPLE = new URL("../../../fixtures/hetzner-prod", import.meta.url);

/** A copy of the bundled example (hetzner-prod) in a temp dir, which it returns. */
function example(): string {
  const dir = tempDir();
  cpSync(EXAMPLE, dir, { recursive: true });
  return dir;
}

/** Loaded with --require before the bundle: counts the functions built from strings at run time. */
const COUNT_NEW_FUNCTION = `
const { writeSync } = require("node:fs");
let built = 0;
globalThis.Function = new Proxy(Function, { construct: (target, args) => (built++, Reflect.construct(target, args)) });
process.on("exit", () => writeSync(2, "functions built from strings: " + built + "\\n"));
`;

test("a run compiles no zod fast-path parsers (jitless is set before the DSL's schemas are built)", () => {
  const dir = example();
  const spy = join(tempDir(), "count-new-function.cjs");
  writeFileSync(spy, COUNT_NEW_FUNCTION);
  const { code, stderr } = runCliProcess([], dir, { NODE_OPTIONS: `--require ${spy}` });
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

test.before(async () => void (await cliBundle()));
test.after(removeTempDirs);
test.run();
