// When messages are coloured: FORCE_COLOR wins, then NO_COLOR, then whether stderr is a terminal.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { useColor } from "../src/diagnostics/style.ts";

test("useColor follows FORCE_COLOR, NO_COLOR, TERM=dumb and the terminal", () => {
  assert.is(useColor(true, {}), true);
  assert.is(useColor(false, {}), false);
  assert.is(useColor(undefined, {}), false);
  assert.is(useColor(true, { NO_COLOR: "1" }), false);
  assert.is(useColor(true, { NO_COLOR: "" }), true, "an empty NO_COLOR does not count");
  assert.is(useColor(true, { TERM: "dumb" }), false);
  assert.is(useColor(false, { FORCE_COLOR: "1" }), true);
  assert.is(useColor(false, { FORCE_COLOR: "1", NO_COLOR: "1" }), true);
  assert.is(useColor(true, { FORCE_COLOR: "0" }), false);
});

test.run();
