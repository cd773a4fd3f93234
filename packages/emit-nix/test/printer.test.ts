import { test } from "uvu";
import * as assert from "uvu/assert";
import { spawnSync } from "node:child_process";
import fc from "fast-check";
import { n, printExpr, printFile } from "../src/index.ts";
import type { Expr, NixFile } from "../src/ast/nodes.ts";
import { fileArb } from "./arbitrary.ts";
import { withEngineOnly } from "../src/print/direct.ts";

/**
 * One test per nixfmt layout rule: each expected string is a fixed point of nixfmt 1.4. Set
 * NIXFMT_VERIFY=1 (with `nixfmt` on PATH) to have every expectation checked against the real
 * formatter as well; the suite itself never needs it.
 */
const verify = process.env.NIXFMT_VERIFY === "1";

function layout(name: string, node: Expr | NixFile, expected: string): void {
  test(name, () => {
    const out = "kind" in node ? printExpr(node) : printFile(node);
    assert.fixture(out, expected);
    if (verify) {
      const r = spawnSync("nixfmt", ["-"], { input: expected, encoding: "utf8" });
      assert.is(r.status, 0, r.stderr);
      assert.fixture(r.stdout, expected, "nixfmt must leave the expectation unchanged");
    }
  });
}

const id = n.ident;
const long = (s: string): Expr => id(`${s}WithAQuiteLongNameThatTakesUpSpace`);

// Attribute sets
layout("a set with one binding stays on one line", n.set([n.assign("a", 1)]), "{ a = 1; }\n");
layout("a set with two bindings always expands", n.set([n.assign("a", 1), n.assign("b", 2)]), "{\n  a = 1;\n  b = 2;\n}\n");
layout("a set as a binding value is wide: expanded even with one binding", n.set([n.assign("a", n.set([n.assign("b", 1)]))]), "{\n  a = {\n    b = 1;\n  };\n}\n");
layout("an empty set and an empty list", n.list([n.set([]), n.list([])]), "[\n  { }\n  [ ]\n]\n");
layout("rec set", n.rec([n.assign("a", 1), n.assign("b", id("a"))]), "rec {\n  a = 1;\n  b = a;\n}\n");
layout(
  "attribute names are quoted only when needed",
  n.set([n.assign(["a", "b.c", "if", "1x", ""], 1), n.assign(["x-y'"], 2)]),
  '{\n  a."b.c"."if"."1x"."" = 1;\n  x-y\' = 2;\n}\n',
);

test("a binding without an attribute name is refused when it is built", () => {
  assert.throws(() => n.assign([], 1), /at least one key/);
});

// Function calls
layout("a single-binding set as argument stays inline", n.apply("f", n.set([n.assign("a", 1)])), "f { a = 1; }\n");
layout(
  "a call absorbs its last argument when it is a multi-line set",
  n.apply("lib.mkIf", id("cond"), n.set([n.assign("a", 1), n.assign("b", 2)])),
  "lib.mkIf cond {\n  a = 1;\n  b = 2;\n}\n",
);
layout(
  "a call absorbs a last list argument",
  n.apply("f", id("x"), n.list([long("first"), long("second"), long("third")])),
  "f x [\n  firstWithAQuiteLongNameThatTakesUpSpace\n  secondWithAQuiteLongNameThatTakesUpSpace\n  thirdWithAQuiteLongNameThatTakesUpSpace\n]\n",
);
layout("a list of simple items as an argument stays on one line", n.apply("f", n.list([id("a"), id("b")]), id("c")), "f [ a b ] c\n");
layout(
  "a call that does not fit puts each argument on its own line",
  n.apply("f", long("a"), long("b"), long("c")),
  "f aWithAQuiteLongNameThatTakesUpSpace bWithAQuiteLongNameThatTakesUpSpace\n  cWithAQuiteLongNameThatTakesUpSpace\n",
);

// Lists
layout("a list with one item stays on one line", n.from([1]), "[ 1 ]\n");
layout("a list with two items expands", n.from([1, 2]), "[\n  1\n  2\n]\n");

// Lambdas and formals
layout("up to two formals share a line", n.lambda(n.formals(["a", "b"]), id("a")), "{ a, b }: a\n");
layout("two formals and an ellipsis share a line", n.lambda(n.formals(["a", "b"], { ellipsis: true }), id("a")), "{ a, b, ... }: a\n");
layout("three formals expand with a trailing comma", n.lambda(n.formals(["a", "b", "c"]), id("a")), "{\n  a,\n  b,\n  c,\n}:\na\n");
layout("a formal with a default expands the formals", n.lambda(n.formals([{ name: "a", default: n.int(1) }, "b"]), id("a")), "{\n  a ? 1,\n  b,\n}:\na\n");
layout(
  "@-bindings before and after the formals",
  n.list([n.lambda(n.formals(["a"], { ellipsis: true, bind: { name: "args", position: "before" } }), id("a")), n.lambda(n.formals(["a"], { bind: { name: "args", position: "after" } }), id("a"))]),
  "[\n  (args@{ a, ... }: a)\n  ({ a }@args: a)\n]\n",
);
layout("chained parameters share a line", n.lambda("a", n.lambda("b", n.op(id("a"), "+", id("b")))), "a: b: a + b\n");
layout(
  "a module: formals expanded, blank line, body",
  n.file(["A module."], n.module(["config", "lib", "pkgs"], n.set([n.assign("services.nginx.enable", true)]))),
  "# A module.\n{\n  config,\n  lib,\n  pkgs,\n  ...\n}:\n\n{\n  services.nginx.enable = true;\n}\n",
);
layout("a comment before a lambda body pushes it down", n.lambda("a", n.lambda("b", id("b")), { comments: ["c"] }), "a:\n# c\nb:\nb\n");

// let, with, if, assert
layout("let is always expanded", n.let([n.assign("a", 1)], id("a")), "let\n  a = 1;\nin\na\n");
layout("with stays on the line of its body", n.with(id("pkgs"), n.list([id("hello")])), "with pkgs; [ hello ]\n");
layout(
  "with before a multi-line list absorbs it after `=`",
  n.set([n.assign("packages", n.with(id("pkgs"), n.list([id("git"), id("curl")])))]),
  "{\n  packages = with pkgs; [\n    git\n    curl\n  ];\n}\n",
);
layout("a short if stays on one line", n.if(id("a"), n.int(1), n.int(2)), "if a then 1 else 2\n");
layout("else-if chains expand", n.if(id("a"), n.int(1), n.if(id("b"), n.int(2), n.int(3))), "if a then\n  1\nelse if b then\n  2\nelse\n  3\n");
layout("assert", n.assert(n.op(id("a"), "==", 1), id("a")), "assert a == 1;\na\n");
layout(
  "a long assert condition moves to the next line",
  n.assert(n.str("x".repeat(100)), id("a")),
  `assert\n  "${"x".repeat(100)}";\na\n`,
);

// Operators
layout("an operator chain that fits stays on one line", n.op(id("a"), "++", n.op(id("b"), "++", id("c"))), "a ++ b ++ c\n");
layout(
  "a long operator chain breaks before each operator",
  n.op(long("a"), "++", n.op(long("b"), "++", long("c"))),
  "aWithAQuiteLongNameThatTakesUpSpace\n++ bWithAQuiteLongNameThatTakesUpSpace\n++ cWithAQuiteLongNameThatTakesUpSpace\n",
);
layout(
  "`//` with a set on the right keeps the set on the line after `=`",
  n.set([n.assign("a", n.op(id("base"), "//", n.set([n.assign("x", 1), n.assign("y", 2)])))]),
  "{\n  a = base // {\n    x = 1;\n    y = 2;\n  };\n}\n",
);
layout("parentheses follow precedence", n.op(n.op(id("a"), "+", id("b")), "*", n.neg(n.apply("f", id("x")))), "(a + b) * -f x\n");
layout("not, has-attr and a negative number", n.list([n.not(n.hasAttr(id("x"), ["a", "b"])), n.int(-1), n.float(-0.5)]), "[\n  (!x ? a.b)\n  (-1)\n  (-0.5)\n]\n");

// inherit
layout("inherit with fewer than four names stays on one line", n.set([n.inherit(["a", "b", "c"])]), "{ inherit a b c; }\n");
layout(
  "inherit with four names puts one per line",
  n.set([n.inherit(["a", "b", "c", "d"]), n.inherit(["x"], id("pkgs"))]),
  "{\n  inherit\n    a\n    b\n    c\n    d\n    ;\n  inherit (pkgs) x;\n}\n",
);
layout("the source of inherit is always parenthesised", n.set([n.inherit(["a"], n.ref("lib.x")), n.inherit(["b"], n.set([]))]), "{\n  inherit (lib.x) a;\n  inherit ({ }) b;\n}\n");

// Strings
layout("multi-line text becomes an indented string", n.text("line 1\n  line 2\n"), "''\n  line 1\n    line 2\n''\n");
layout("text without a final newline stays a simple string", n.text("a\nb"), '"a\\nb"\n');
layout(
  "escapes in simple strings",
  n.str('"q" \\ ${x} $', id("y"), " \t\r\n"),
  '"\\"q\\" \\\\ \\${x} \\$${y} \\t\\r\\n"\n',
);
layout("escapes in indented strings", n.lines("a '' b ${c} $", id("d"), "\n'''\n"), "''\n  a ''' b ''${c} ''$${d}\n  ''''\n''\n");
layout("a one-line indented string is printed as a simple string, as nixfmt would", n.lines("just text"), '"just text"\n');
layout("an indented string that would lose its indentation falls back to a simple string", n.lines("  x\n"), '"  x\\n"\n');
layout("an indented string ending in a quote falls back to a simple string", n.lines("a\nb'"), "\"a\\nb'\"\n");
layout(
  "an interpolation stays on one line inside a string",
  n.str("pre ", n.with(id("a"), id("b")), " post"),
  '"pre ${with a; b} post"\n',
);
layout(
  "widths count code points, not UTF-16 units",
  n.set([n.assign("a", n.str("🙂".repeat(40) + "x".repeat(45)))]),
  `{ a = "${"🙂".repeat(40)}${"x".repeat(45)}"; }\n`,
);

// Comments and blank lines
layout(
  "comments and blank lines before bindings",
  n.set([n.assign("a", 1, { comments: ["first", ""] }), n.assign("b", 2, { blankBefore: true, comments: ["second  "] })]),
  "{\n  # first\n  #\n  a = 1;\n\n  # second\n  b = 2;\n}\n",
);
layout("a comment in a list expands it", n.list([n.item(n.int(1), { comments: ["one"] })]), "[\n  # one\n  1\n]\n");
layout("a header comment before an empty set keeps it closed", n.file(["header"], n.set([])), "# header\n{ }\n");
layout("a comment before an empty set body opens it, as nixfmt does", n.lambda(n.formals([]), n.set([]), { comments: ["a"] }), "{ }:\n# a\n{\n}\n");

// Numbers, paths, selections
layout("floats always have a dot", n.list([n.float(2), n.float(1e-7), n.float(1e21)]), "[\n  2.0\n  1.0e-7\n  1.0e+21\n]\n");
layout("paths and search paths", n.list([n.path("./a.nix"), n.searchPath("nixpkgs")]), "[\n  ./a.nix\n  <nixpkgs>\n]\n");
layout("selecting from a path needs parentheses", n.select(n.path("./a"), ["b"]), "(./a).b\n");
layout("nested selections join into one path", n.select(n.select(id("x"), ["a"]), ["b"], id("d")), "x.a.b or d\n");
layout("a selection with a default is parenthesised as a target", n.select(n.select(id("x"), ["a"], id("d")), ["b"]), "(x.a or d).b\n");
layout(
  "a long interpolated attribute name breaks inside `${ }`",
  n.set([n.assign([n.interp(n.apply("lib.concatStringsSep", n.str("-"), n.list([long("a"), long("b"), long("c")]))), "enable"], true)]),
  '{\n  ${\n    lib.concatStringsSep "-" [\n      aWithAQuiteLongNameThatTakesUpSpace\n      bWithAQuiteLongNameThatTakesUpSpace\n      cWithAQuiteLongNameThatTakesUpSpace\n    ]\n  }.enable =\n    true;\n}\n',
);

test("printing is deterministic and does not depend on earlier prints", () => {
  const files = fc.sample(fileArb(), { numRuns: 200, seed: 11 });
  const first = files.map(printFile);
  const second = [...files].reverse().map(printFile).reverse();
  assert.equal(second, first);
  for (const out of first) assert.ok(out.endsWith("\n") && !out.endsWith("\n\n"), "exactly one final newline");
});

test("the same AST built twice prints the same bytes", () => {
  const build = () => n.module(["lib"], n.set([n.assign("a.b", n.from([1, "x\n", { y: null }])), n.inherit(["lib"])]));
  assert.is(printFile(n.file(["h"], build())), printFile(n.file(["h"], build())));
});

// Direct layout (print/direct.ts, print/whole.ts) is a shortcut: it must give the engine's bytes.
test("direct layout prints what the doc engine prints", () => {
  const modules = fc.sample(fileArb({ depth: 4 }), { numRuns: 600, seed: 5 });
  const wide = fc.sample(fileArb({ depth: 3, wide: true }), { numRuns: 200, seed: 6 });
  // Module-shaped files: the whole-file shortcut only takes sets, `let … in` sets and `{ … }:` modules.
  const shaped = fc.sample(fileArb({ depth: 3 }), { numRuns: 150, seed: 7 }).flatMap((f) => {
    const body = f.body.kind === "AttrSet" ? f.body : n.set([n.assign("x", f.body), n.assign("y", f.body, { blankBefore: true })]);
    return [
      n.file(f.header, body),
      n.file(f.header, n.module(["pkgs"], body)),
      n.file(f.header, n.module(["config", "lib", "pkgs"], n.let([n.assign("v", f.body)], body))),
      n.file(f.header, n.lambda(n.formals([]), body, { comments: ["c"] })),
      // Calls whose last argument nixfmt absorbs: `x = f { … };`, `x = f '' … '';`.
      n.file(f.header, n.set([n.assign("a.b", n.apply("lib.mkIf", body)), n.assign("c", n.apply("lib.mkForce", body))])),
      n.file(f.header, n.set([n.assign("a", n.apply(`x${"y".repeat(f.header.length * 40)}`, body)), n.assign("b", n.apply("f", n.text("a\n  b\n", f.body, "\n")))])),
      // Functions as values: `outputs = { self, ... }@inputs: { … };`.
      n.file(f.header, n.set([
        n.assign("outputs", n.lambda(n.formals(["self", "nixpkgs"], { ellipsis: true, bind: { name: "inputs", position: "after" } }), body)),
        n.assign("b", n.lambda(n.formals(["a", "b", "c"]), body)),
        n.assign("c", n.lambda(n.formals([], { bind: { name: "x", position: "before" } }), body, { blankBefore: f.header.length > 0 })),
        // `args@{ …, … }:` at 99, 100 and 101 columns.
        ...[42, 43, 44].map((g, i) =>
          n.assign(`d${i}`, n.lambda(n.formals([`l${"o".repeat(43)}`, `n${"g".repeat(g)}`], { bind: { name: "args", position: "before" } }), body))),
      ])),
      n.file(f.header, n.set([n.assign(["a", "b", "c", "d"], n.apply("lib.mkForce", n.lines("a\n", "z".repeat(90 + f.header.length * 5)))), n.assign("b", f.body)])),
    ];
  });
  for (const file of [...modules, ...wide, ...shaped]) {
    assert.fixture(printFile(file), withEngineOnly(() => printFile(file)));
  }
});

// Emitters share constant bindings between files; the printer keeps the text of a binding it meets
// again. The same nodes at other depths, in other files and on later runs must print as if new.
test("bindings shared between places and files print as the doc engine prints them", () => {
  const bodies = fc.sample(fileArb({ depth: 3 }), { numRuns: 150, seed: 8 }).map((f) => f.body);
  for (const body of bodies) {
    const shared = body.kind === "AttrSet" ? body.bindings : [n.assign("x", body)];
    const files = [
      n.file([], n.set([...shared, n.assign("a", n.set(shared)), n.assign("b", n.set([n.assign("c", n.set(shared))]))])),
      n.file(["h"], n.module(["pkgs"], n.set([n.assign("d", n.set(shared)), ...shared]))),
    ];
    for (let run = 0; run < 3; run++) {
      for (const file of files) assert.fixture(printFile(file), withEngineOnly(() => printFile(file)));
    }
  }
});

test("runs of shared bindings print right when other bindings follow them, or only part of them", () => {
  const bodies = fc.sample(fileArb({ depth: 2 }), { numRuns: 100, seed: 9 }).map((f) => f.body);
  for (const body of bodies) {
    const shared = body.kind === "AttrSet" ? body.bindings : [n.assign("x", body)];
    const half = shared.slice(0, Math.ceil(shared.length / 2));
    const sets = [
      shared,
      [...half, n.assign("fresh", 1), ...shared.slice(half.length)],
      half,
      [...shared].reverse(),
      [...shared, n.assign("after", n.set(shared))],
    ];
    for (let run = 0; run < 3; run++) {
      for (const bs of sets) {
        const file = n.file([], n.set(bs));
        assert.fixture(printFile(file), withEngineOnly(() => printFile(file)));
      }
    }
  }
});

test("blank lines inside an indented string in a nested set are kept", () => {
  const file = n.file([], n.set([n.assign("a", n.set([n.assign("s", n.text("x\n\n\ny\n")), n.assign("t", 1)])), n.assign("b", 1)]));
  assert.fixture(printFile(file), "{\n  a = {\n    s = ''\n      x\n\n\n      y\n    '';\n    t = 1;\n  };\n  b = 1;\n}\n");
});

test.run();
