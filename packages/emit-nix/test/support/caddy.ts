/**
 * The Caddyfile NixOS would build from `services.caddy` (the template in nixpkgs'
 * `nixos/modules/services/web-servers/caddy/default.nix`), and the real `caddy adapt` on it.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface CaddyOptions {
  email: string | null;
  virtualHosts: Record<string, { extraConfig: string }>;
}

/** Global block, then every virtual host sorted by name (the module uses attrValues). */
export function assembleCaddyfile(opts: CaddyOptions): string {
  const global = ["{", ...(opts.email ? [`  email ${opts.email}`] : []), "  log {", "    level ERROR", "  }", "}", ""];
  const hosts = Object.keys(opts.virtualHosts)
    .sort()
    .map((host) => {
      const extra = opts.virtualHosts[host]!.extraConfig.split("\n").map((l) => `  ${l}`);
      return [`${host} {`, "  log {", `    output file /var/log/caddy/access-${host.replace(/[/ ]/g, "_")}.log`, "  }", "", ...extra, "}"].join("\n");
    });
  return [...global, ...hosts].join("\n") + "\n";
}

/** Runs `caddy adapt` on the text; returns Caddy's JSON config or throws with its message. */
export function caddyAdapt(caddyfile: string): unknown {
  const dir = mkdtempSync(join(tmpdir(), "gen-nix-caddy-"));
  const file = join(dir, "Caddyfile");
  writeFileSync(file, caddyfile);
  const r = spawnSync("caddy", ["adapt", "--config", file, "--adapter", "caddyfile"], { encoding: "utf8", env: { ...process.env, HOME: dir, XDG_DATA_HOME: dir, XDG_CONFIG_HOME: dir } });
  if (r.error) throw new Error(`caddy is not installed (apt-get install caddy): ${r.error.message}`);
  if (r.status !== 0) throw new Error(`caddy adapt rejected the Caddyfile:\n${r.stderr}\n${caddyfile}`);
  return JSON.parse(r.stdout);
}
