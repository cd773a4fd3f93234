// Code frames: context lines, carets under the span, and lines made safe to draw.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { codeFrame, sourceLines } from "../src/diagnostics/frame.ts";
import { PLAIN } from "../src/diagnostics/style.ts";

const frame = (source: string, line: number, column?: number, length?: number): string =>
  codeFrame(sourceLines(source), { line, column, length }, PLAIN, (t) => t);

test("two lines either side, aligned line numbers, carets under the span", () => {
  const source = Array.from({ length: 12 }, (_, i) => `line ${i + 1}`).join("\n");
  assert.is(frame(source, 10, 6, 2), ["     8 | line 8", "     9 | line 9", "  > 10 | line 10", "       |      ^^", "    11 | line 11", "    12 | line 12"].join("\n"));
  assert.is(frame("a\r\nbc", 1), "  > 1 | a\n    2 | bc", "a line without a column has no carets");
});

test("tabs as two spaces and controls as U+FFFD keep the carets aligned", () => {
  assert.is(frame('\tx: "\u001b[2J", y', 1, 13, 1), '  > 1 |   x: "\uFFFD[2J", y\n      |              ^');
});

test("long lines are cut to a window around the span", () => {
  const long = `${"a".repeat(500)}BAD${"b".repeat(500)}`;
  const [shown, carets] = frame(long, 1, 501, 3).split("\n");
  assert.is(shown, `  > 1 | …${"a".repeat(20)}BAD${"b".repeat(97)}…`);
  assert.is(carets, `      | ${" ".repeat(21)}^^^`);
});

test.run();
