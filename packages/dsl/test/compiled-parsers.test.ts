// zod's compiled parsers are used only for configs large enough to earn back compiling them.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { resolveInfra } from "../src/index.ts";
import { app, host, infra, issuesOf } from "./helpers.ts";

/** How many functions `fn` builds from source text (zod's probe `new Function("")` has none). */
function functionsBuilt(fn: () => void): number {
  const original = globalThis.Function;
  let built = 0;
  globalThis.Function = new Proxy(original, {
    construct: (target, args: string[]) => {
      if (args.join("") !== "") built++;
      return Reflect.construct(target, args);
    },
  });
  try {
    fn();
  } finally {
    globalThis.Function = original;
  }
  return built;
}

test("one host: parsed without compiling; 200 hosts and apps: parsers compiled", () => {
  assert.is(functionsBuilt(() => resolveInfra(infra())), 0);
  // 100 hosts of one app each: the threshold.
  const hosts = Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`h${i}`, host({ caddy: { email: "ops@example.com", sites: { [`web.h${i}.example.com`]: { app: "web" } } } })]));
  let resolved = 0;
  assert.ok(functionsBuilt(() => void (resolved = resolveInfra({ ...infra(), hosts }).hosts.length)) > 0);
  assert.is(resolved, 100);
});

test("a config parsed with compiled parsers reports its problems as a small one does, with what was written", () => {
  // 150 hosts of one app each: past the threshold (the parsers are compiled once, by the test above).
  const hosts: Record<string, unknown> = {};
  for (let i = 0; i < 150; i++) hosts[`web${i}`] = host();
  hosts.web7 = host({ apps: { web: app({ port: "8001" }) } });
  assert.equal(issuesOf(infra({}, { hosts })), [
    { path: ["hosts", "web7", "apps", "web", "port"], code: "invalid_type", message: 'expected a number, got the string "8001"' },
  ]);
});

test.run();
