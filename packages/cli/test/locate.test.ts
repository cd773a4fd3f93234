// Mapping a config path to where it was written: the exported config in its usual forms, keys
// of every kind, identifiers followed to consts, spreads, arrays, and the deepest node found when
// the rest of the path is computed at run time.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { createLocator } from "../src/diagnostics/locate.ts";
import { tsMorph } from "../src/diagnostics/ts-morph.ts";

type Key = string | number;

/** The text the locator points at, and what kind of answer it is. */
function at(source: string, path: Key[], key = false): [string, string] | undefined {
  const found = createLocator(tsMorph(), "infra.config.ts", source).locate(path, key);
  return found && [source.slice(found.start, found.end), found.kind];
}

const PORT = ["hosts", "prod", "apps", "web", "port"];

test("export default defineInfra({...}), a const exported later, a plain object, `export const config`", () => {
  const body = '{ hosts: { prod: { apps: { web: { port: "80" } } } } }';
  assert.equal(at(`export default defineInfra(${body});`, PORT), ['"80"', "exact"]);
  assert.equal(at(`const config = defineInfra(${body});\nexport default config;`, PORT), ['"80"', "exact"]);
  assert.equal(at(`export default ${body} satisfies InfraInput;`, PORT), ['"80"', "exact"]);
  assert.equal(at(`const c = ${body} as const;\nexport { c as default };`, PORT), ['"80"', "exact"]);
  assert.equal(at(`export const config = (${body});`, PORT), ['"80"', "exact"]);
  assert.equal(at(`export default gen.defineInfra(${body});`, PORT), ['"80"', "exact"]);
});

test("string, numeric and computed keys; the last of two equal keys wins; keys on request", () => {
  const source = [
    'const NAME = "a.example.com";',
    "export default { hosts: { 'prod': { caddy: { sites: {",
    '  ["a.example.com"]: { app: "x" },',
    '  [NAME]: { app: "y" },',
    '  "b.example.com": { app: "z" }, 8001: { app: "n" } } } } } };',
  ].join("\n");
  const site = (domain: string): Key[] => ["hosts", "prod", "caddy", "sites", domain];
  assert.equal(at(source, [...site("a.example.com"), "app"]), ['"y"', "exact"]);
  assert.equal(at(source, site("a.example.com"), true), ["[NAME]", "exact"]);
  assert.equal(at(source, site("b.example.com"), true), ['"b.example.com"', "exact"]);
  assert.equal(at(source, [...site("8001"), "app"]), ['"n"', "exact"]);
});

test("identifiers and shorthand properties are followed to const initialisers", () => {
  const source = [
    'const web = { port: "80" };',
    "const apps = { web };",
    "const prod = { apps };",
    "export default defineInfra({ hosts: { prod } });",
  ].join("\n");
  assert.equal(at(source, PORT), ['"80"', "exact"]);
  assert.equal(at(source, ["hosts", "prod", "apps", "web"], true), ["web", "exact"]);
  assert.equal(at(source, ["hosts", "prod"]), ["prod", "exact"], "the value as written");
});

test("spreads: looked into when literal, the answer when computed", () => {
  const source = [
    'const base = { port: 1, start: "bun x" };',
    "export default { hosts: { prod: { apps: {",
    "  web: { ...base, package: {} },",
    "  api: { ...makeApp(), port: 2 },",
    "  cli: { port: 3, ...makeApp() },",
    "} } } };",
  ].join("\n");
  const app = (name: string, field: string): Key[] => ["hosts", "prod", "apps", name, field];
  assert.equal(at(source, app("web", "start")), ['"bun x"', "exact"]);
  assert.equal(at(source, app("api", "port")), ["2", "exact"], "a later key beats an earlier spread");
  assert.equal(at(source, app("cli", "port")), ["...makeApp()", "opaque"], "a later spread may override it");
  assert.equal(at(source, app("api", "start")), ["...makeApp()", "opaque"]);
});

test("array elements by index, through literal spreads", () => {
  const source = 'const more = ["b", "c"];\nexport default { hosts: { prod: { modules: ["a", ...more, "d"] } } };';
  const mod = (i: number): Key[] => ["hosts", "prod", "modules", i];
  assert.equal([1, 2, 3].map((i) => at(source, mod(i))?.[0]), ['"b"', '"c"', '"d"']);
  assert.equal(at('export default { hosts: { prod: { modules: [...list(), "x"] } } };', mod(1)), ["...list()", "opaque"]);
});

test("computed values: the call, import or expression that holds the rest of the path", () => {
  const imported = 'import { apps } from "./apps.ts";\nexport default { hosts: { prod: { apps } } };';
  assert.equal(at(imported, PORT), ["apps", "opaque"]);
  assert.equal(at("export default { hosts: { prod: preset({ x: 1 }) } };", PORT), ["preset({ x: 1 })", "opaque"]);
  // pangolin(x) returns x: its options are in the source, and a defaulted one is missing there.
  const vps = "export default { hosts: { vps: { pangolin: pangolin({ images: {}, baseDomain: 'a.b' }) } } };";
  assert.equal(at(vps, ["hosts", "vps", "pangolin", "images"]), ["{}", "exact"]);
  assert.equal(at(vps, ["hosts", "vps", "pangolin", "httpPort"]), ["pangolin", "missing"]);
  assert.equal(at('export default { hosts: { prod: { stateVersion: `${v}` } } };', ["hosts", "prod", "stateVersion", 0]), ["`${v}`", "opaque"]);
});

test("a missing key points at the object's name, or its brace at the root", () => {
  const source = "export default defineInfra({\n  hosts: {\n    prod: {\n      apps: {},\n    },\n  },\n});";
  assert.equal(at(source, ["hosts", "prod", "stateVersion"]), ["prod", "missing"]);
  assert.equal(at(source, ["hosts", "prod", "apps"]), ["{}", "exact"]);
  assert.equal(at(source, ["inputs"]), ["{", "missing"]);
  assert.equal(at("const prod = {};\nexport default { hosts: { prod } };", ["hosts", "prod", "stateVersion"]), ["prod", "missing"]);
});

test("no export, cycles and nonsense never throw", () => {
  assert.is(at("const x = 1;", ["hosts"]), undefined);
  assert.equal(at("const a = b;\nconst b = a;\nexport default a;", ["hosts"]), ["a", "opaque"]);
  assert.equal(at("export default {{{ ;", ["hosts"])?.[1], "missing");
  assert.equal(at("export default function () { return {}; }", ["hosts"])?.[1], "opaque");
});

test.run();
