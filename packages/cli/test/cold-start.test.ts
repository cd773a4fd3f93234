// What keeps a cold start of the bundled CLI short, checked on the bundle as `pnpm build` makes it:
// each of these once cost several milliseconds of every run without anything failing.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { cpSync, writeFileSync } from "node:fs";
import { join } from "node:path";
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

test.before(async () => void (await cliBundle()));
test.after(removeTempDirs);
test.run();
