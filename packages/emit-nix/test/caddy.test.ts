import { test } from "uvu";
import * as assert from "uvu/assert";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { GOLDEN, fixtureCases } from "./support/fixtures.ts";
import { evalModuleFile } from "./support/nix.ts";
import { type CaddyOptions, assembleCaddyfile, caddyAdapt } from "./support/caddy.ts";

/**
 * Evaluates a generated caddy.nix with stand-ins for its module arguments: every flake input's
 * package is a fake store path, which is all the Caddyfile text needs.
 */
function evalCaddyModule(flakeDir: string, file: string): CaddyOptions {
  const stubs = `{
    pkgs = { stdenv.hostPlatform.system = "x86_64-linux"; };
    inputs = builtins.listToAttrs (map (name: { inherit name; value.packages.x86_64-linux.default = "/nix/store/0000-\${name}"; })
      (builtins.attrNames (import ${flakeDir}/flake.nix).inputs));
    lib = { }; config = { };
  }`;
  return evalModuleFile(file, stubs, ".services.caddy") as CaddyOptions;
}

const cases = fixtureCases().filter((c) => existsSync(join(GOLDEN, c, "hosts")));
for (const name of cases) {
  test(`caddy adapt accepts the Caddyfile assembled from golden/${name}`, () => {
    const dir = join(GOLDEN, name);
    const hosts = readdirSync(join(dir, "hosts")).filter((h) => existsSync(join(dir, "hosts", h, "caddy.nix")));
    for (const host of hosts) {
      const opts = evalCaddyModule(dir, join(dir, "hosts", host, "caddy.nix"));
      const json = JSON.stringify(caddyAdapt(assembleCaddyfile(opts)));
      for (const domain of Object.keys(opts.virtualHosts)) assert.ok(json.includes(domain), `${domain} is served`);
    }
  });
}

test("the assembled hetzner-prod config proxies each site to its app and serves the assets", () => {
  const opts = evalCaddyModule(join(GOLDEN, "hetzner-prod"), join(GOLDEN, "hetzner-prod/hosts/prod/caddy.nix"));
  assert.is(opts.email, "you@example.com");
  const json = JSON.stringify(caddyAdapt(assembleCaddyfile(opts)));
  assert.ok(json.includes('"dial":"127.0.0.1:8001"'));
  assert.ok(json.includes('"dial":"127.0.0.1:8002"'));
  assert.ok(json.includes('"root":"/nix/store/0000-otherapp/dist"'));
});

test("caddy adapt rejects a broken Caddyfile (the check is real)", () => {
  assert.throws(() => caddyAdapt("example.com {\n  reverse_proxy {\n"), /caddy adapt rejected/);
});

test.run();
