import { test } from "uvu";
import * as assert from "uvu/assert";
import fc from "fast-check";
import { n, printExpr } from "@gen-nix/emit-nix";
import { nixEval } from "./support/nix.ts";
import { fitsIndented } from "../src/print/escape.ts";

/**
 * Any JS string must come back byte for byte from `nix-instantiate --eval`, whether printed
 * as `"..."`, as `''...''` (when chosen), or as an attribute name. One Nix call checks a whole
 * batch, so the property runs on hundreds of strings in well under a second.
 */
const tricky = fc.constantFrom("${", "''", "'''", "\\", '"', "$", "$$", "$${", "''${", "''\\", "\t", "\n", "\r", " ", "'", "{", "}", "é", "✓", "🦀", "\u00a0", "a");
const piece = fc.oneof(fc.string({ unit: "binary", maxLength: 6 }), tricky);
/** Nix strings cannot hold NUL, and lone surrogates are not text. */
const text = fc.array(piece, { maxLength: 12 }).map((xs) => xs.join("").replace(/\0/g, ""));

function roundTrip(values: string[], print: (s: string) => string): void {
  const expr = `[ ${values.map((v) => `(${print(v)})`).join(" ")} ]`;
  assert.equal(nixEval(expr), values);
}

test("strings round-trip through nix-instantiate --eval", () => {
  const values = fc.sample(text, { numRuns: 400, seed: 42 });
  roundTrip(values, (s) => printExpr(n.str(s)).trimEnd());
});

test("multi-line text round-trips whichever string form n.text picks", () => {
  const lines = fc.array(text, { minLength: 2, maxLength: 5 }).map((ls) => ls.join("\n") + "\n");
  const values = [...fc.sample(lines, { numRuns: 300, seed: 7 }), "a\n  b\n", "  x\n  y\n", "x'\n", "$\n${y}\n", "a\n\n\nb\n"];
  roundTrip(values, (s) => printExpr(n.text(s)).trimEnd());
  assert.ok(values.some((v) => printExpr(n.text(v)).startsWith("''")), "some values use the indented form");
});

// The rule of fitsIndented in its plainest form, line by line.
const fitsIndentedSpec = (text: string): boolean => {
  if (!text.endsWith("\n") || text.length < 2 || /[\r\t]/.test(text)) return false;
  const lines = text.slice(0, -1).split("\n");
  return !lines.some((l) => /\s$/.test(l)) && lines.some((l) => l !== "" && !l.startsWith(" "));
};

test("fitsIndented follows its rule on text made of lines, spaces, tabs and other whitespace", () => {
  const piece = fc.constantFrom("a", "a", " ", "  ", "\n", "\n", "\n", "x y", "'", "${", "\u00a0", "\t", "\r");
  const texts = fc.sample(fc.array(piece, { maxLength: 12 }).map((xs) => xs.join("")), { numRuns: 3000, seed: 3 });
  let fitting = 0;
  for (const text of texts) {
    assert.is(fitsIndented(text), fitsIndentedSpec(text), JSON.stringify(text));
    if (fitsIndentedSpec(text)) fitting++;
  }
  assert.ok(fitting > 100, `only ${fitting} texts fit`);
});

test("attribute names round-trip and are quoted only when needed", () => {
  const names = [...fc.sample(text, { numRuns: 300, seed: 3 }), "if", "or", "inherit", "rec", "1abc", "a.b", "a-b", "a'b", "_x", ""];
  const unique = [...new Set(names)];
  const set = n.set(unique.map((k, i) => n.assign([k], i)));
  const evaluated = nixEval(`builtins.attrNames (${printExpr(set).trimEnd()})`) as string[];
  assert.equal([...evaluated].sort(), [...unique].sort());
  assert.ok(printExpr(n.set([n.assign(["a-b"], 1)])).includes("a-b = 1;"));
  assert.ok(printExpr(n.set([n.assign(["if"], 1)])).includes('"if" = 1;'));
});

test("interpolations keep their place next to escaped dollars", () => {
  const e = n.str("$", n.ident("x"), "$${", n.ident("y"), "''");
  assert.equal(nixEval(`let x = "X"; y = "Y"; in ${printExpr(e).trimEnd()}`), "$X$${Y''");
  const ind = n.lines("a $", n.ident("x"), "\n''${b}\n");
  assert.equal(nixEval(`let x = "X"; in ${printExpr(ind).trimEnd()}`), "a $X\n''${b}\n");
});

test.run();
