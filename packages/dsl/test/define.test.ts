// defineInfra is a typed identity: tsc (run over tests) checks the @ts-expect-error lines.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { defineInfra, resolveInfra } from "../src/index.ts";
import { good } from "./types/references.ts";

test("defineInfra returns its argument untouched, with literal types", () => {
  const config = defineInfra({
    inputs: { web: { url: "github:example/web" } },
    hosts: { prod: { stateVersion: "25.11", apps: { web: { port: 8001, package: { input: "web" }, start: "bun x" } } } },
  });
  const port: 8001 = config.hosts.prod.apps.web.port;
  assert.is(port, 8001);
  const input = { hosts: { edge: { stateVersion: "25.11", modules: ["./hw.nix"] } } };
  assert.is(defineInfra(input), input);
});

test("defineInfra rejects what the schema's input type rejects, misspelt keys included", () => {
  const configs = [
    // @ts-expect-error stateVersion is required
    defineInfra({ hosts: { prod: {} } }),
    // @ts-expect-error system is an enum
    defineInfra({ hosts: { prod: { stateVersion: "25.11", system: "riscv64-linux" } } }),
    // @ts-expect-error timeZone, not timezone
    defineInfra({ hosts: { prod: { stateVersion: "25.11", timezone: "UTC" } } }),
    defineInfra({
      hosts: {
        prod: {
          stateVersion: "25.11",
          // @ts-expect-error attr, not atr (inside a union)
          apps: { web: { port: 1, package: { input: "web", atr: "x" }, start: "bun x" } },
        },
      },
    }),
  ];
  assert.is(configs.length, 4);
});

test("a config whose references all type-check also resolves: the types allow no reference the checks refuse", () => {
  assert.is(resolveInfra(good).hosts.length, 2);
});

test.run();
