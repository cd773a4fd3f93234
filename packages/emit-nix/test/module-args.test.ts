// A module's header lists the module arguments its body refers to; nodes sum that up as they are
// built (`uses`). Checked here against a plain walk over every field of random ASTs.
import { test } from "uvu";
import * as assert from "uvu/assert";
import fc from "fast-check";
import { n } from "../src/index.ts";
import { MODULE_ARGS, argsIn } from "../src/ast/args.ts";
import { usesOf } from "../src/ast/objects.ts";
import { fileArb } from "./arbitrary.ts";

/** Names of identifiers and of `inherit a;` anywhere below `v`; a function's own name parameter is no reference. */
function namesIn(v: unknown, out: Set<string>): Set<string> {
  if (Array.isArray(v)) for (const x of v) namesIn(x, out);
  else if (typeof v === "object" && v !== null) {
    const node = v as { kind?: string; name?: string; names?: string[]; from?: unknown; param?: { kind: string } };
    if (node.kind === "Ident") out.add(node.name!);
    if (node.kind === "Inherit" && node.from === undefined) for (const name of node.names!) out.add(name);
    for (const [key, field] of Object.entries(v)) {
      if (key === "memo" || (key === "param" && node.param?.kind === "Ident")) continue;
      namesIn(field, out);
    }
  }
  return out;
}

test("uses names exactly the module arguments a random AST refers to", () => {
  const files = fc.sample(fileArb({ depth: 4 }), { numRuns: 400, seed: 11 });
  let some = 0;
  for (const f of files) {
    const names = namesIn(f.body, new Set());
    const expected = MODULE_ARGS.filter((a) => names.has(a));
    if (expected.length > 0) some++;
    assert.equal(argsIn(usesOf(f.body)), expected);
  }
  // The sample must exercise the property, not only bodies that refer to nothing.
  assert.ok(some > 100, `only ${some} bodies refer to a module argument`);
});

test("inherit, interpolated keys, defaults and lambda parameters", () => {
  const body = n.set([
    n.inherit(["lib"]),
    n.inherit(["x"], n.ident("config")),
    n.assign([n.interp(n.ref("inputs.self"))], 1),
    n.assign("f", n.lambda(n.formals([{ name: "a", default: n.ident("modulesPath") }]), n.ident("a"))),
    // A parameter named like a module argument is not a reference to it.
    n.assign("g", n.lambda("pkgs", n.int(1))),
  ]);
  assert.equal(argsIn(usesOf(body)), ["config", "lib", "inputs", "modulesPath"]);
});

test.run();
