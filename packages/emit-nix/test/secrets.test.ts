// Secret references in the output: sops-nix wiring (flake input, module, sops.secrets) and the
// paths consumers read, checked by evaluating the generated files with Nix.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { join } from "node:path";
import { resolveInfra, secret } from "@gen-nix/dsl";
import { emitAll } from "@gen-nix/emit-nix";
import { GOLDEN } from "./support/fixtures.ts";
import { SSH_KEY as KEY } from "./support/config.ts";
import { evalModuleFile, nixEval } from "./support/nix.ts";

const FIXTURE = join(GOLDEN, "secrets-sops");

/** Stand-ins for an app module's arguments: sops-nix's `config.sops.secrets.<name>.path` included. */
const APP_ARGS = `{
  config.sops.secrets = { myapp-env.path = "/run/secrets/myapp-env"; billing-env.path = "/run/secrets/billing-env"; };
  pkgs = { bun = "/bun"; stdenv.hostPlatform.system = "x86_64-linux"; };
  inputs = { myapp.packages.x86_64-linux = { default = "/myapp"; status = "/status"; }; billing.packages.x86_64-linux.default = "/billing"; };
}`;

function files(config: unknown): Map<string, string> {
  return new Map(emitAll(resolveInfra(config)).map((f) => [f.path, f.content]));
}

const host = (app: Record<string, unknown>) => ({ stateVersion: "26.05", admins: { ops: { sshKeys: [KEY] } }, apps: { web: app } });
const web = (environmentFile: unknown) => ({ port: 8001, package: { path: "./web" }, start: "bun x", environmentFile });

test("secrets.nix: each sops secret with its file, format, key, owner and units; the host key decrypts", () => {
  const sops = evalModuleFile(join(FIXTURE, "hosts/prod/secrets.nix"), "{}", ".sops") as any;
  assert.equal(sops.age, { sshKeyPaths: ["/etc/ssh/ssh_host_ed25519_key"] });
  const { sopsFile: envFile, ...env } = sops.secrets["myapp-env"];
  assert.equal(env, { format: "dotenv", key: "", owner: "myapp", restartUnits: ["myapp.service"] });
  const { sopsFile: yamlFile, ...yaml } = sops.secrets["billing-env"];
  assert.equal(yaml, { key: "billing_env", owner: "billing", restartUnits: ["billing.service"] }, "yaml is sops-nix's default format");
  assert.match(envFile, /^\/nix\/store\/[a-z0-9]{32}-prod\.env$/);
  assert.match(yamlFile, /^\/nix\/store\/[a-z0-9]{32}-prod\.yaml$/);
  // The path literal points at the encrypted file in the repository, not at a copy of its text.
  const literal = nixEval(`toString (import ${join(FIXTURE, "hosts/prod/secrets.nix")}).sops.secrets.myapp-env.sopsFile`);
  assert.is(literal, join(FIXTURE, "secrets/prod.env"));
});

test("apps read config.sops.secrets.<name>.path, or the secret file's own path", () => {
  const envFile = (app: string) =>
    evalModuleFile(join(FIXTURE, `hosts/prod/apps/${app}.nix`), APP_ARGS, `.systemd.services.${app}.serviceConfig.EnvironmentFile`);
  assert.is(envFile("myapp"), "/run/secrets/myapp-env");
  assert.is(envFile("billing"), "/run/secrets/billing-env");
  assert.is(envFile("status"), "/run/keys/status.env");
});

test("flake: the sops-nix input and module only for hosts that use sops", () => {
  const flake = join(FIXTURE, "flake.nix");
  const inputs = nixEval(`(import ${flake}).inputs`) as any;
  assert.equal(inputs["sops-nix"], { url: "github:Mic92/sops-nix", inputs: { nixpkgs: { follows: "nixpkgs" } } });
  const modules = nixEval(`let f = import ${flake}; o = f.outputs ({ self = null; nixpkgs.lib.nixosSystem = a: map toString a.modules; sops-nix.nixosModules.sops = "SOPS"; }); in { prod = o.nixosConfigurations.prod; edge = o.nixosConfigurations.edge; }`) as any;
  assert.equal(modules.prod.slice(1), ["SOPS"]);
  assert.is(modules.edge.length, 1);
  const plain = files({ hosts: { h: host(web(secret.file("/run/secrets/web.env"))) } });
  assert.not.match(plain.get("flake.nix") ?? "", /sops/);
  assert.not.ok(plain.has("hosts/h/secrets.nix"));
  assert.match(plain.get("hosts/h/apps/web.nix") ?? "", /EnvironmentFile = "\/run\/secrets\/web.env";/);
  assert.ok(plain.get("hosts/h/apps/web.nix")?.includes("\n{ pkgs, ... }:\n"), "no config argument without sops");
});

test("flake: a sops-nix input of the user's own (e.g. pinned) is used, not added twice", () => {
  const config = {
    inputs: { "sops-nix": { url: "github:Mic92/sops-nix/abc123", followsNixpkgs: true } },
    hosts: { h: host(web(secret.sops("web", { sopsFile: "secrets/web.yaml" }))) },
  };
  const flake = files(config).get("flake.nix") ?? "";
  assert.is(flake.match(/sops-nix = \{/g)?.length, 1);
  assert.match(flake, /github:Mic92\/sops-nix\/abc123/);
  assert.match(flake, /inputs\.sops-nix\.nixosModules\.sops/);
});

test.run();
