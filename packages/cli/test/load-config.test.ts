// The config loader, with a stub standing in for the DSL: it must be served for "gen-nix" and
// "@gen-nix/dsl" although the temp dir has no node_modules.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { join } from "node:path";
import { ConfigLoadError } from "../src/errors.ts";
import { loadConfig } from "../src/load-config.ts";
import { removeTempDirs, tempDir, writeTree } from "./support/fs.ts";

const stub = { defineInfra: <T>(config: T): T => config };
const modules = { "gen-nix": stub, "@gen-nix/dsl": stub };

/** Writes `files` into a fresh temp dir and loads its infra.config.ts. */
function load(files: Record<string, string>): unknown {
  const dir = tempDir();
  writeTree(dir, files);
  return loadConfig(join(dir, "infra.config.ts"), { modules });
}

/** Loads `files`, expecting a ConfigLoadError, and returns it. */
function loadError(files: Record<string, string>): ConfigLoadError {
  try {
    load(files);
  } catch (error) {
    if (error instanceof ConfigLoadError) return error;
    throw error;
  }
  throw new Error("expected a ConfigLoadError");
}

test("returns the default export; `gen-nix` resolves to the given module", () => {
  const config = load({
    "infra.config.ts": [
      'import { defineInfra } from "gen-nix";',
      'import type { Model } from "gen-nix";',
      "interface Host { stateVersion: string }",
      'const prod: Host = { stateVersion: "25.11" };',
      "export default defineInfra({ hosts: { prod } });",
    ].join("\n"),
  });
  assert.equal(config, { hosts: { prod: { stateVersion: "25.11" } } });
});

test("serves the same instance for gen-nix and @gen-nix/dsl, without node_modules", () => {
  const config = load({
    "infra.config.ts": [
      'import { defineInfra } from "gen-nix";',
      'import { defineInfra as viaScope } from "@gen-nix/dsl";',
      "export default { fromGenNix: defineInfra, fromScope: viaScope };",
    ].join("\n"),
  });
  assert.equal(config, { fromGenNix: stub.defineInfra, fromScope: stub.defineInfra });
});

test("falls back to a named `config` export", () => {
  assert.equal(load({ "infra.config.ts": "export const config = { hosts: {} };\n" }), { hosts: {} });
});

test("prefers the default export over `config`", () => {
  const source = "export const config = 1;\nexport default 2;\n";
  assert.is(load({ "infra.config.ts": source }), 2);
});

test("relative TypeScript imports: explicit .ts, extensionless, NodeNext .js, dir index, JSON", () => {
  const config = load({
    "infra.config.ts": [
      'import { prod } from "./hosts/prod.ts";',
      'import { keys } from "./keys";',
      'import { zone } from "./lib/zone.js";',
      'import { port } from "./lib";',
      'import data from "./data.json";',
      "export default { prod, keys, zone, port, data };",
    ].join("\n"),
    "hosts/prod.ts": 'import { keys } from "../keys.ts";\nexport const prod: { keys: string[] } = { keys };\n',
    "keys.ts": 'export const keys: string[] = ["k"];\n',
    "lib/zone.ts": 'export const zone = "UTC" as const;\n',
    "lib/index.ts": "export const port: number = 22;\n",
    "data.json": '{ "a": 1 }\n',
  });
  assert.equal(config, { prod: { keys: ["k"] }, keys: ["k"], zone: "UTC", port: 22, data: { a: 1 } });
});

test("node builtins still come from node", () => {
  const source = 'import { posix } from "node:path";\nexport default posix.join("a", "b");\n';
  assert.is(load({ "infra.config.ts": source }), "a/b");
});

test("a config that throws: ConfigLoadError naming the file and line, no stack", () => {
  const error = loadError({ "infra.config.ts": 'const a = 1;\n\nthrow new Error("boom");\n' });
  assert.match(error.message, /infra\.config\.ts:3: Error: boom$/);
  assert.is(error.location.line, 3);
  assert.not.match(error.message, /\n\s+at /);
});

test("a throw inside an imported file names that file and the config", () => {
  const error = loadError({
    "infra.config.ts": 'import { x } from "./lib/bad.ts";\nexport default x;\n',
    "lib/bad.ts": 'export const x = 1;\nthrow new TypeError("nope");\n',
  });
  assert.match(error.message, /lib\/bad\.ts:2: TypeError: nope \(while loading .*infra\.config\.ts\)$/);
});

test("a syntax error: file:line:col and the parser's reason", () => {
  const error = loadError({ "infra.config.ts": "export default {\n  a: 1,\n  b: 2 3\n};\n" });
  assert.match(error.message, /infra\.config\.ts:3:8: syntax error: Unexpected token, expected ","$/);
  assert.equal([error.location.line, error.location.column], [3, 8]);
});

test("a syntax error in an imported file names that file", () => {
  const error = loadError({
    "infra.config.ts": 'export { default } from "./hosts.ts";\n',
    "hosts.ts": "\nconst x = ;\nexport default x;\n",
  });
  assert.match(error.message, /hosts\.ts:2:11: syntax error: Unexpected token$/);
});

test("what only V8 rejects (top-level await) still names file and line", () => {
  const error = loadError({ "infra.config.ts": "const x = 1;\nawait Promise.resolve(x);\nexport default x;\n" });
  assert.match(error.message, /infra\.config\.ts:2: syntax error: await is only valid/);
});

test("a config that exports nothing", () => {
  const error = loadError({ "infra.config.ts": "const config = { hosts: {} };\n" });
  assert.match(error.message, /infra\.config\.ts: exports no config: add `export default defineInfra/);
});

test("a missing config file", () => {
  const error = loadError({ "other.ts": "" });
  assert.match(error.message, /infra\.config\.ts: config file not found$/);
});

test("a missing relative import names the importing file", () => {
  const error = loadError({ "infra.config.ts": 'import { x } from "./nope.ts";\nexport default x;\n' });
  assert.match(error.message, /infra\.config\.ts: cannot find '\.\/nope\.ts'$/);
});

test("a missing package: node's message without the require stack", () => {
  const error = loadError({ "infra.config.ts": 'import x from "left-pad-nope";\nexport default x;\n' });
  assert.match(error.message, /infra\.config\.ts:1: Error: Cannot find module 'left-pad-nope'/);
  assert.not.match(error.message, /Require stack/);
});

test("each load evaluates afresh", () => {
  const dir = tempDir();
  writeTree(dir, { "infra.config.ts": "export default 1;\n" });
  assert.is(loadConfig(join(dir, "infra.config.ts"), { modules }), 1);
  writeTree(dir, { "infra.config.ts": "export default 2;\n" });
  assert.is(loadConfig(join(dir, "infra.config.ts"), { modules }), 2);
});

test.after(removeTempDirs);
test.run();
