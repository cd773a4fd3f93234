// Edit distance, name suggestions and quoting of user values in messages.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { closestName, editDistance, quote } from "../src/index.ts";

test("editDistance counts insertions, deletions, substitutions and neighbour swaps as 1", () => {
  assert.equal(
    [["myap", "myapp"], ["myappp", "myapp"], ["mxapp", "myapp"], ["prot", "port"], ["", "abc"], ["same", "same"], ["kitten", "sitting"]].map(([a, b]) => editDistance(a!, b!)),
    [1, 1, 1, 1, 3, 0, 3],
  );
});

test("closestName: a third of the name may differ, case is ignored, ties go to the first", () => {
  assert.is(closestName("myap", ["otherapp", "myapp"]), "myapp");
  assert.is(closestName("timezone", ["system", "timeZone"]), "timeZone");
  assert.is(closestName("web", ["myapp", "billing"]), undefined);
  assert.is(closestName("ab", ["ac", "ad"]), "ac");
  assert.is(closestName("web", ["web"]), undefined, "the name itself is no suggestion");
  assert.is(closestName("x".repeat(10_000), ["x"]), undefined);
});

test("quote escapes quotes, controls and bidi characters and shortens long values", () => {
  assert.is(quote("web"), '"web"');
  assert.is(quote('a"b\\c'), '"a\\"b\\\\c"');
  assert.is(quote("a\u001b[2Jb\nc\u202ed"), '"a\\u{1b}[2Jb\\nc\\u{202e}d"');
  assert.is(quote("é".repeat(80)), `"${"é".repeat(80)}"`);
  assert.is(quote("x".repeat(1_000_000)), `"${"x".repeat(60)}…" (1000000 characters)`);
});

test.run();
