// Problems are collected, converted from zod and printed zod-style; warnings never throw.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { InfraConfigError, formatPath, resolveInfra } from "../src/index.ts";
import { app, host, infra, issuesOf, only } from "./helpers.ts";

test("all at once: three different problems are reported together", () => {
  const sites = { "web.example.com": { app: "web" }, "Bad_Domain.com": { root: "/srv" } };
  const config = infra({ apps: { web: app({ database: "nope", port: 443 }) }, caddy: { email: "ops@example.com", sites } });
  const codes = issuesOf(config).map((d) => d.code).sort();
  assert.equal(codes, ["invalid_domain", "reserved_port", "unknown_database"]);
});

test("all at once: field problems in one host do not hide reference problems in another", () => {
  const bad = host({ stateVersion: "latest" });
  const issues = issuesOf(infra({}, { hosts: { prod: bad, edge: host({ caddy: undefined, apps: { web: app({ database: "nope" }) } }) } }));
  assert.equal(issues.map((d) => d.code), ["invalid_format", "unknown_database"]);
  assert.equal(issues[0]?.path, ["hosts", "prod", "stateVersion"]);
  assert.match(issues[0]?.message ?? "", /stateVersion must look like "25.11"/);
});

test("format() prints zod-style blocks", () => {
  const error = new InfraConfigError([
    { path: ["hosts", "prod", "apps", "myapp", "database"], code: "unknown_database", message: 'unknown database "x"' },
    { path: [], code: "invalid_type", message: "expected object" },
  ]);
  assert.is(error.format(), '✖ unknown database "x"\n  → at hosts.prod.apps.myapp.database\n✖ expected object');
  assert.is(error.message, error.format());
  assert.is(error.name, "InfraConfigError");
});

test("formatPath quotes keys that are not identifiers", () => {
  assert.is(formatPath(["hosts", "web-1", "caddy", "sites", "a.example.com", "app"]), 'hosts.web-1.caddy.sites["a.example.com"].app');
  assert.is(formatPath(["hosts", "prod", "modules", 0]), "hosts.prod.modules[0]");
});

test("zod issues: type errors, missing fields and unknown keys keep zod's codes, with messages that say what to write", () => {
  const issues = issuesOf(infra({ stateVersion: undefined, timezone: "UTC", apps: { web: app({ port: "8001" }) } }));
  assert.equal(only(issues, "unrecognized_keys"), {
    path: ["hosts", "prod", "timezone"],
    code: "unrecognized_keys",
    message: 'unknown key "timezone"',
    suggestion: "timeZone",
    key: true,
  });
  const types = issues.filter((d) => d.code === "invalid_type");
  assert.equal(types.map((d) => d.path), [["hosts", "prod", "stateVersion"], ["hosts", "prod", "apps", "web", "port"]]);
  assert.is(types[0]?.message, 'missing required field "stateVersion": add stateVersion: <a string>');
  assert.is(types[1]?.message, 'expected a number, got the string "8001"');
  assert.equal(issuesOf(null), [{ path: [], code: "invalid_type", message: "expected an object { … }, got null" }]);
});

test("unknown keys without a close match list the keys that exist there, across union branches too", () => {
  const far = only(issuesOf(infra({ ssh: { colour: "blue" } })), "unrecognized_keys");
  assert.is(far.message, 'unknown key "colour"; known keys here: port, permitRootLogin');
  assert.is(far.suggestion, undefined);
  const branch = only(issuesOf(infra({ apps: { web: app({ package: { input: "web", atr: "server" } }) } })), "unrecognized_keys");
  assert.equal([branch.path, branch.suggestion], [["hosts", "prod", "apps", "web", "package", "atr"], "attr"]);
});

test("did you mean: unknown app, database, input and enum values suggest the closest name", () => {
  const sites = { "web.example.com": { app: "wbe" } };
  const config = infra({ caddy: { email: "ops@example.com", sites }, apps: { web: app({ database: "wbe", package: { input: "webb" } }) } });
  const issues = issuesOf(config);
  assert.equal(issues.map((d) => [d.code, d.suggestion]), [
    ["unknown_database", "web"],
    ["unknown_app", "web"],
    ["unknown_input", "web"],
  ]);
  assert.is(only(issues, "unknown_app").message, 'unknown app "wbe"; apps on this host: web');
  assert.equal(issuesOf(infra({ apps: { web: app({ database: "billing" }) } })).map((d) => d.suggestion), [undefined]);
  const system = only(issuesOf(infra({ system: "x86-64-linux" })), "invalid_value");
  assert.equal([system.message, system.suggestion], ['must be one of "x86_64-linux", "aarch64-linux"; got the string "x86-64-linux"', "x86_64-linux"]);
});

test("format() adds the suggestion", () => {
  const error = new InfraConfigError([{ path: ["hosts", "prod", "timezone"], code: "unrecognized_keys", message: 'unknown key "timezone"', suggestion: "timeZone" }]);
  assert.is(error.format(), '✖ unknown key "timezone"\n  → at hosts.prod.timezone\n  did you mean "timeZone"?');
});

test("zod unions: the branch that fits explains the problem, otherwise the union does", () => {
  const typo = only(issuesOf(infra({ apps: { web: app({ package: { input: 5 } }) } })), "invalid_type");
  assert.equal(typo.path, ["hosts", "prod", "apps", "web", "package", "input"]);
  const neither = only(issuesOf(infra({ apps: { web: app({ package: {} }) } })), "invalid_union");
  assert.equal(neither.path, ["hosts", "prod", "apps", "web", "package"]);
  assert.match(neither.message, /\{ input: string, attr\?: string \} or \{ path: string \}/);
  const url = only(issuesOf(infra({}, { inputs: { web: { url: 5 } } })), "invalid_type");
  assert.equal(url.path, ["inputs", "web", "url"]);
  assert.match(only(issuesOf(infra({}, { inputs: { web: 5 } })), "invalid_union").message, /flake URL string/);
});

test("zod string formats: ssh keys, email, nixpkgs branch", () => {
  const config = infra({ admins: { alice: { sshKeys: ["AAAA alice"] } }, caddy: { email: "ops", sites: {} } }, { nixpkgs: "unstable" });
  const issues = issuesOf(config);
  assert.equal(issues.map((d) => d.path), [["nixpkgs"], ["hosts", "prod", "admins", "alice", "sshKeys", 0], ["hosts", "prod", "caddy", "email"]]);
  assert.match(issues[1]?.message ?? "", /not an OpenSSH public key/);
});

test("warnings: trust authentication and hardening off are reported, not thrown", () => {
  const config = infra({ postgres: { databases: ["web"], authentication: "trust" }, apps: { web: app({ hardening: false }) } });
  assert.equal(resolveInfra(config).warnings.map((d) => [d.code, d.path]), [
    ["trust_auth", ["hosts", "prod", "postgres", "authentication"]],
    ["hardening_off", ["hosts", "prod", "apps", "web", "hardening"]],
  ]);
  assert.match(resolveInfra(config).warnings[0]?.message ?? "", /any local user can connect as any role/);
});

test("an app whose database has another name asks for the owner role in DATABASE_URL", () => {
  const config = infra({ postgres: { databases: ["shop"] }, apps: { web: app({ database: "shop" }) } });
  const model = resolveInfra(config);
  assert.equal(model.warnings, []);
  assert.is(model.hosts[0]?.apps[0]?.databaseUrl, "postgresql:///shop?host=/run/postgresql&user=shop");
});

test.run();
