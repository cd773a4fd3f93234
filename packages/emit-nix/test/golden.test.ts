import { test } from "uvu";
import * as assert from "uvu/assert";
import { join } from "node:path";
import { GOLDEN, fixtureCases, generate, goldenNixFiles, readTree, userFiles, writeTree } from "./support/fixtures.ts";
import { nixParse } from "./support/nix.ts";

const update = process.env.UPDATE_GOLDEN === "1";

for (const name of fixtureCases()) {
  test(`golden: ${name}`, async () => {
    const files = [...(await generate(name)), ...userFiles(name)];
    const dir = join(GOLDEN, name);
    if (update) writeTree(dir, files);
    const expected = readTree(dir);
    assert.equal(files.map((f) => f.path).sort(), [...expected.keys()].sort(), "the set of generated files");
    for (const f of files) assert.is(f.content, expected.get(f.path), f.path);
  });

  test(`deterministic: ${name} generates the same bytes twice`, async () => {
    assert.equal(await generate(name), await generate(name));
  });
}

test("every golden .nix file parses with the real Nix parser", () => {
  const files = goldenNixFiles();
  assert.ok(files.length >= 6, `found ${files.length} golden .nix files`);
  nixParse(files);
});

test.run();
