// One test per validation code: the code, the path of the offending field and the message.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { resolveInfra } from "../src/index.ts";
import { app, host, infra, issuesOf, only } from "./helpers.ts";

const PROD = ["hosts", "prod"];
const WEB = [...PROD, "apps", "web"];
const SITES = [...PROD, "caddy", "sites"];

function expectIssue(config: unknown, code: string, path: (string | number)[], message: RegExp): void {
  const issue = only(issuesOf(config), code);
  assert.equal(issue.path, path);
  assert.match(issue.message, message);
}

test("unknown_app: a site names an app the host does not have", () => {
  const caddy = { email: "ops@example.com", sites: { "x.example.com": { app: "nope" } } };
  expectIssue(infra({ caddy }), "unknown_app", [...SITES, "x.example.com", "app"], /unknown app "nope".*web/);
});

test("unknown_database: an app's database is not in postgres.databases", () => {
  const config = infra({ apps: { web: app({ database: "nope" }) } });
  expectIssue(config, "unknown_database", [...WEB, "database"], /unknown database "nope".*has: web/);
});

test("no_postgres: an app has a database but the host has no postgres", () => {
  expectIssue(infra({ postgres: undefined }), "no_postgres", [...WEB, "database"], /"web".*no postgres/);
});

test("unknown_input: a package names a flake input that is not declared", () => {
  const config = infra({ apps: { web: app({ package: { input: "nope" } }) } });
  expectIssue(config, "unknown_input", [...WEB, "package", "input"], /unknown flake input "nope"; inputs: web/);
});

test("duplicate_domain: one domain on two hosts, compared case-insensitively", () => {
  const edge = (domain: string) =>
    host({ apps: { web: app({ port: 9000 }) }, caddy: { email: "ops@example.com", sites: { [domain]: { app: "web" } } } });
  const same = infra({}, { hosts: { prod: host(), edge: edge("web.example.com") } });
  const path = ["hosts", "edge", "caddy", "sites", "web.example.com"];
  expectIssue(same, "duplicate_domain", path, /already served at hosts\.prod\.caddy\.sites\["web\.example\.com"\]/);
  const upper = issuesOf(infra({}, { hosts: { prod: host(), edge: edge("WEB.example.com") } }));
  assert.equal(only(upper, "duplicate_domain").path, ["hosts", "edge", "caddy", "sites", "WEB.example.com"]);
});

test("port_clash: two apps on one port", () => {
  const config = infra({ apps: { web: app(), api: app({ port: 8001, database: undefined }) } });
  expectIssue(config, "port_clash", [...PROD, "apps", "api", "port"], /port 8001 is already used by app "web"/);
});

test("reserved_port: an app on 80/443 or on the ssh port", () => {
  expectIssue(infra({ apps: { web: app({ port: 443 }) } }), "reserved_port", [...WEB, "port"], /443 is taken by Caddy/);
  const ssh = infra({ ssh: { port: 2222 }, apps: { web: app({ port: 2222 }) } });
  expectIssue(ssh, "reserved_port", [...WEB, "port"], /2222 is taken by SSH/);
  expectIssue(infra({ apps: { web: app({ port: 5432 }) } }), "reserved_port", [...WEB, "port"], /5432 is taken by PostgreSQL/);
  // Without sites Caddy is not enabled, so its ports are free.
  const noSites = resolveInfra(infra({ apps: { web: app({ port: 80 }), api: app({ port: 2019 }) }, caddy: { sites: {} } }));
  assert.equal(noSites.hosts[0]!.apps.map((a) => a.port), [80, 2019]);
});

test("invalid_domain: malformed domains", () => {
  const sites = (domain: string) => infra({ caddy: { email: "ops@example.com", sites: { [domain]: { app: "web" } } } });
  expectIssue(sites("my_app.example.com"), "invalid_domain", [...SITES, "my_app.example.com"], /invalid label "my_app"/);
  expectIssue(sites("localhost"), "invalid_domain", [...SITES, "localhost"], /at least two labels/);
  expectIssue(sites("-a.example.com"), "invalid_domain", [...SITES, "-a.example.com"], /invalid label "-a"/);
  expectIssue(sites(`${"a".repeat(64)}.com`), "invalid_domain", [...SITES, `${"a".repeat(64)}.com`], /invalid label/);
  const long = `${Array(64).fill("abc").join(".")}.com`;
  expectIssue(sites(long), "invalid_domain", [...SITES, long], /longer than 253/);
});

test("invalid_name: host, app, admin, database and input names", () => {
  const issues = issuesOf({
    inputs: { "1web": "github:example/web" },
    hosts: {
      Prod: host({ admins: { Alice: { sshKeys: [] } }, postgres: { databases: ["my db"] }, apps: { "9web": app({ database: undefined, package: { path: "." } }) } }),
    },
  }).filter((d) => d.code === "invalid_name");
  assert.equal(issues.map((d) => d.path), [
    ["inputs", "1web"],
    ["hosts", "Prod", "admins", "Alice"],
    ["hosts", "Prod", "postgres", "databases", 0],
    ["hosts", "Prod", "apps", "9web"],
    ["hosts", "Prod"],
  ]);
  assert.match(issues[1]?.message ?? "", /admin name "Alice" must be a lowercase letter or '_'/);
  assert.match(issues[4]?.message ?? "", /host name "Prod" must be a lowercase letter/);
  const long = issuesOf(infra({ apps: { [`a${"b".repeat(63)}`]: app() } }));
  assert.match(only(long, "invalid_name").message, /at most 63 characters/);
});

test("duplicate_database: a database listed twice", () => {
  const config = infra({ postgres: { databases: ["web", "web"] } });
  expectIssue(config, "duplicate_database", [...PROD, "postgres", "databases", 1], /"web" is listed twice/);
});

test("invalid_site: a site needs exactly one of app and root", () => {
  const site = (s: object) => infra({ caddy: { email: "ops@example.com", sites: { "x.example.com": s } } });
  expectIssue(site({}), "invalid_site", [...SITES, "x.example.com"], /exactly one of app .* or root/);
  expectIssue(site({ app: "web", root: "/srv" }), "invalid_site", [...SITES, "x.example.com"], /exactly one/);
});

test("package_without_app: {package} in extraConfig of a site without app", () => {
  const sites = { "x.example.com": { root: "/srv/x", extraConfig: "root * {package}/dist" } };
  const config = infra({ caddy: { email: "ops@example.com", sites } });
  expectIssue(config, "package_without_app", [...SITES, "x.example.com", "extraConfig"], /no app/);
});

test("reserved_env: environment may not set PORT or DATABASE_URL", () => {
  const config = infra({ apps: { web: app({ environment: { OK: "1", DATABASE_URL: "postgres://x" } }) } });
  expectIssue(config, "reserved_env", [...WEB, "environment", "DATABASE_URL"], /DATABASE_URL is set by gen-nix/);
});

test("not_absolute: environmentFile, root and readWritePaths", () => {
  const paths = { environmentFile: { secretFile: "secrets.env" }, readWritePaths: ["/var/lib/web", "data"] };
  const sites = { "web.example.com": { app: "web" }, "s.example.com": { root: "srv" } };
  const issues = issuesOf(infra({ apps: { web: app(paths) }, caddy: { email: "ops@example.com", sites } }));
  const found = issues.filter((d) => d.code === "not_absolute");
  assert.equal(found.map((d) => d.path), [
    [...WEB, "environmentFile", "secretFile"],
    [...WEB, "readWritePaths", 1],
    [...SITES, "s.example.com", "root"],
  ]);
  assert.match(found[0]?.message ?? "", /"secrets.env" must be an absolute path/);
});

test("missing_email: caddy serves sites but has no email", () => {
  const config = infra({ caddy: { sites: { "web.example.com": { app: "web" } } } });
  expectIssue(config, "missing_email", [...PROD, "caddy", "email"], /needs an email/);
});

test("invalid_placeholder: unknown {…} in commands, bad {pkgs.X} anywhere", () => {
  expectIssue(infra({ apps: { web: app({ start: "bun {pkg}/server.ts" }) } }), "invalid_placeholder", [...WEB, "start"], /"\{pkg\}"/);
  const migrate = infra({ apps: { web: app({ migrate: "{pkgs.1bad}/bin/x" }) } });
  expectIssue(migrate, "invalid_placeholder", [...WEB, "migrate"], /"\{pkgs\.1bad\}" is not a valid Nix attribute path/);
  const sites = { "web.example.com": { app: "web", extraConfig: "header X {pkgs.}" } };
  const extra = infra({ caddy: { email: "ops@example.com", sites } });
  expectIssue(extra, "invalid_placeholder", [...SITES, "web.example.com", "extraConfig"], /"\{pkgs\.\}"/);
});

test("invalid_command: the program must be a package name, a package file or an absolute path", () => {
  expectIssue(infra({ apps: { web: app({ start: "./server --port 1" }) } }), "invalid_command", [...WEB, "start"], /program "\.\/server"/);
  expectIssue(infra({ apps: { web: app({ start: "   " }) } }), "invalid_command", [...WEB, "start"], /empty/);
});

test("invalid_path: modules and { path } packages stay inside the config directory", () => {
  const modules = infra({ modules: ["/etc/nixos/hardware-configuration.nix"] });
  expectIssue(modules, "invalid_path", [...PROD, "modules", 0], /must be relative/);
  const pkg = infra({ apps: { web: app({ package: { path: "./apps/../../web" } }) } });
  expectIssue(pkg, "invalid_path", [...WEB, "package", "path"], /leads outside/);
});

test("name_clash: admins and apps vs system users, each other, and reserved inputs", () => {
  const root = infra({ admins: { root: { sshKeys: [] } } });
  const issues = issuesOf(root);
  assert.equal(only(issues, "name_clash").path, [...PROD, "admins", "root"]);
  const sameName = infra({ admins: { web: { sshKeys: ["ssh-rsa AAAA"] } } });
  expectIssue(sameName, "name_clash", [...PROD, "admins", "web"], /same name as an app/);
  const service = infra({ apps: { web: app(), postgres: app({ port: 8002, database: undefined }) } });
  expectIssue(service, "name_clash", [...PROD, "apps", "postgres"], /"postgres" is already a system user/);
  expectIssue(infra({}, { inputs: { web: "github:example/web", nixpkgs: "github:x/y" } }), "name_clash", ["inputs", "nixpkgs"], /generated flake/);
});

test("ports outside 1..65535 are rejected by zod", () => {
  assert.equal(only(issuesOf(infra({ apps: { web: app({ port: 0 }) } })), "too_small").path, [...WEB, "port"]);
  const big = only(issuesOf(infra({ apps: { web: app({ port: 65536 }) } })), "too_big");
  assert.equal(big.path, [...WEB, "port"]);
  assert.match(big.message, /65535/);
  assert.equal(only(issuesOf(infra({ ssh: { port: 1.5 } })), "invalid_type").path, [...PROD, "ssh", "port"]);
});

test("invalid_path: config-relative paths become Nix path literals, so only path characters pass", () => {
  for (const path of ["./${builtins.exec [ \"sh\" ]}.nix", "./a b.nix", './x.nix ]; evil = [ "']) {
    expectIssue(infra({ modules: [path] }), "invalid_path", [...PROD, "modules", 0], /may only contain letters, digits/);
  }
  expectIssue(infra({ apps: { web: app({ package: { path: "./app's" } }) } }), "invalid_path", [...WEB, "package", "path"], /Nix path literal/);
});

test("invalid_path: host paths may not hold whitespace or control characters", () => {
  const config = infra({ apps: { web: app({ environmentFile: { secretFile: "/run/x\nExecStart=/bin/sh" }, readWritePaths: ["/srv/a b"] }) } });
  const issues = issuesOf(config).filter((d) => d.code === "invalid_path");
  assert.equal(issues.map((d) => d.path), [[...WEB, "environmentFile", "secretFile"], [...WEB, "readWritePaths", 0]]);
  assert.match(issues[0]?.message ?? "", /^"\/run\/x\\nExecStart=\/bin\/sh" must not contain spaces or control characters$/);
});

test.run();
