import { test } from "uvu";
import * as assert from "uvu/assert";
import { resolveInfra } from "@gen-nix/dsl";
import { emitAll, type GeneratedFile } from "@gen-nix/emit-nix";
import { SSH_KEY as KEY } from "./support/config.ts";
import { evalModuleFile, evalModuleText, nixEval, tempNixFile } from "./support/nix.ts";

function emit(host: Record<string, unknown>, extra: Record<string, unknown> = {}, sourceDir = ""): Map<string, string> {
  const model = resolveInfra({ hosts: { h: { stateVersion: "26.05", admins: { ops: { sshKeys: [KEY] } }, ...host } }, ...extra });
  return new Map(emitAll(model, { sourceDir }).map((f: GeneratedFile) => [f.path, f.content]));
}

/** A generated module called with stand-in arguments: its config as JSON. */
function evalModule(content: string, args = '{ lib = { mkForce = x: x; }; pkgs = { postgresql_17 = "pg"; }; }'): any {
  return evalModuleText(content, args);
}

const app = (over: Record<string, unknown> = {}) => ({ port: 8001, package: { path: "./apps/web" }, start: "bun server.ts", ...over });

test("files come out per host (default.nix first) and flake.nix last", () => {
  const files = [...emit({ postgres: { databases: ["web"] }, apps: { web: app({ database: "web" }) } }).keys()];
  assert.equal(files, ["hosts/h/default.nix", "hosts/h/postgres.nix", "hosts/h/apps/web.nix", "flake.nix"]);
});

test("postgres.nix satisfies the module's ensureDBOwnership assertion and allows only local peer logins", () => {
  const pg = evalModule(emit({ postgres: { databases: ["web", "jobs"] }, apps: { web: app({ database: "web" }) } }).get("hosts/h/postgres.nix")!);
  const cfg = pg.services.postgresql;
  for (const u of cfg.ensureUsers) assert.ok(!u.ensureDBOwnership || cfg.ensureDatabases.includes(u.name), u.name);
  assert.is(cfg.authentication, "local all all peer\n");
  assert.is(cfg.enableTCPIP, false);
  assert.is(cfg.package, "pg");
});

test("an app whose database has another name gets an ident map entry and asks for the owner role", () => {
  const files = emit({ postgres: { databases: ["shop"] }, apps: { worker: app({ database: "shop" }) } });
  const cfg = evalModule(files.get("hosts/h/postgres.nix")!).services.postgresql;
  assert.is(cfg.authentication, "local all all peer map=apps\n");
  assert.is(cfg.identMap, "apps /^(.*)$ \\1\napps worker shop\n");
  assert.ok(files.get("hosts/h/apps/worker.nix")!.includes('DATABASE_URL = "postgresql:///shop?host=/run/postgresql&user=shop";'));
});

test("an app without a database does not wait for PostgreSQL nor open its socket", () => {
  const files = emit({ apps: { web: app({ package: { input: "web" } }) } }, { inputs: { web: "github:acme/web" } });
  const args = '{ pkgs = { stdenv.hostPlatform.system = "x86_64-linux"; bun = "/bun"; }; inputs.web.packages.x86_64-linux.default = "/pkg"; }';
  const web = evalModule(files.get("hosts/h/apps/web.nix")!, args).systemd.services.web;
  assert.is(web.serviceConfig.WorkingDirectory, "/pkg");
  assert.equal(web.after, ["network.target"]);
  assert.is(web.requires, undefined);
  assert.equal(web.serviceConfig.ReadWritePaths, ["/var/lib/web"]);
  assert.is(web.serviceConfig.ExecStart, "/bun/bin/bun server.ts");
  assert.is(web.environment.PORT, "8001");
});

test("paths are relative to the flake root when the config lives in a subdirectory", () => {
  const files = emit({ modules: ["./hw.nix"], apps: { web: app() } }, {}, "infra");
  assert.ok(files.get("hosts/h/default.nix")!.includes("../../infra/hw.nix"));
  assert.ok(files.get("hosts/h/apps/web.nix")!.includes("path = ../../../infra/apps/web;"));
});

test("root login: keys for root only with prohibit-password; never password logins", () => {
  const withRoot = evalModule(emit({}).get("hosts/h/default.nix")!);
  assert.equal(withRoot.users.users.root.openssh.authorizedKeys.keys, [KEY]);
  assert.equal(withRoot.services.openssh.settings, { PasswordAuthentication: false, KbdInteractiveAuthentication: false, PermitRootLogin: "prohibit-password" });
  const noRoot = evalModule(emit({ ssh: { permitRootLogin: "no" } }).get("hosts/h/default.nix")!);
  assert.is(noRoot.users.users.root, undefined);
  assert.is(noRoot.services.openssh.settings.PermitRootLogin, "no");
});

test("the flake pins nixpkgs to the configured branch and passes inputs to the modules", () => {
  const flake = emit({}, { nixpkgs: "nixos-25.11", inputs: { api: "github:acme/api" } }).get("flake.nix")!;
  const inputs = nixEval(`(import ${tempNixFile(flake)}).inputs`);
  assert.equal(inputs, { nixpkgs: { url: "github:NixOS/nixpkgs/nixos-25.11" }, api: { url: "github:acme/api", inputs: { nixpkgs: { follows: "nixpkgs" } } } });
  assert.ok(flake.includes("specialArgs = { inherit inputs; };"));
});

test("a module's header lists exactly the arguments its body uses: pkgs for a Caddyfile's {pkgs.…}, none for an app without", () => {
  const site = { app: "web", extraConfig: "root * {pkgs.hello}/share" };
  const files = emit({ apps: { web: app({ start: "{package}/bin/server" }) }, caddy: { email: "ops@example.com", sites: { "example.com": site } } });
  const caddy = tempNixFile(files.get("hosts/h/caddy.nix")!);
  assert.equal(nixEval(`builtins.functionArgs (import ${caddy})`), { pkgs: false });
  const extra = evalModuleFile(caddy, '{ pkgs.hello = "/hello"; }', '.services.caddy.virtualHosts."example.com".extraConfig');
  assert.is(extra, "root * /hello/share\nreverse_proxy 127.0.0.1:8001\n");
  const web = tempNixFile(files.get("hosts/h/apps/web.nix")!);
  assert.is(nixEval(`builtins.isFunction (import ${web})`), false, "no unused pkgs argument");
  assert.is(evalModuleFile(web, "{ }", ".users.users.web.home"), "/var/lib/web");
});

test("app services: the full sandbox by default, none of it with hardening: false", () => {
  const pkg = { package: { input: "web" } };
  const out = emit({ apps: { web: app(pkg), raw: app({ ...pkg, port: 8002, hardening: false }) } }, { inputs: { web: "github:example/web" } });
  const args = '{ pkgs = { bun = "/bun"; stdenv.hostPlatform.system = "x"; }; inputs.web.packages.x.default = "/web"; }';
  const config = (name: string) => evalModule(out.get(`hosts/h/apps/${name}.nix`)!, args).systemd.services[name].serviceConfig;
  const sandbox = {
    NoNewPrivileges: true, ProtectSystem: "strict", ProtectHome: true, PrivateTmp: true, ReadWritePaths: ["/var/lib/web"],
    PrivateDevices: true, ProtectKernelTunables: true, ProtectKernelModules: true, ProtectKernelLogs: true,
    ProtectControlGroups: true, ProtectClock: true, ProtectHostname: true, RestrictSUIDSGID: true, RestrictRealtime: true,
    RestrictNamespaces: true, LockPersonality: true, RemoveIPC: true, CapabilityBoundingSet: "",
    RestrictAddressFamilies: ["AF_UNIX", "AF_INET", "AF_INET6"], SystemCallArchitectures: "native", UMask: "0077",
  };
  const web = config("web");
  for (const [key, value] of Object.entries(sandbox)) assert.equal(web[key], value, key);
  assert.not.ok("MemoryDenyWriteExecute" in web, "JIT compilers need W+X memory");
  const raw = config("raw");
  for (const key of Object.keys(sandbox)) assert.not.ok(key in raw, key);
});

test.run();
