// Pangolin: the native backend's module evaluated by Nix, and the three generated config files
// of the Docker backends serialised to YAML and read back.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { join } from "node:path";
import { parse, stringify } from "yaml";
import { resolveInfra, secret, type HostModel, type StackModel } from "@gen-nix/dsl";
import { emitAll } from "@gen-nix/emit-nix";
import { pathToFileURL } from "node:url";
import { ROOT } from "./support/fixtures.ts";
import { SSH_KEY as KEY } from "./support/config.ts";
import { evalModuleText } from "./support/nix.ts";

function config(pangolin: Record<string, unknown>): unknown {
  const options = { baseDomain: "example.com", email: "ops@example.com", environmentFile: secret.file("/run/secrets/pangolin.env"), ...pangolin };
  return { hosts: { vps: { stateVersion: "26.05", admins: { ops: { sshKeys: [KEY] } }, pangolin: options } } };
}

function files(pangolin: Record<string, unknown>): Map<string, string> {
  return new Map(emitAll(resolveInfra(config(pangolin))).map((f) => [f.path, f.content]));
}

const evalNative = (content: string): any => evalModuleText(content, "{ }");

function stack(pangolin: Record<string, unknown> = {}): StackModel {
  const host: HostModel | undefined = resolveInfra(config(pangolin)).hosts[0];
  const found = host?.stacks.find((s) => s.name === "pangolin");
  assert.ok(found);
  return found;
}

/** A generated file as the YAML an emitter writes, parsed back. */
function yamlFile(s: StackModel, path: string): any {
  const file = s.files.find((f) => f.path === path);
  assert.ok(file && "yaml" in file.content, path);
  return parse(stringify(file.content.yaml));
}

test("native: hosts/<h>/pangolin.nix, imported by default.nix; no stack", () => {
  const out = files({ backend: "native" });
  assert.equal([...out.keys()], ["hosts/vps/default.nix", "hosts/vps/pangolin.nix", "flake.nix"]);
  assert.ok(out.get("hosts/vps/default.nix")!.includes("imports = [ ./pangolin.nix ];"));
  assert.is(resolveInfra(config({ backend: "native" })).hosts[0]!.stacks.length, 0);
});

test("native: services.pangolin options, settings merged into config.yml, the secret only as a path", () => {
  const m = evalNative(files({ backend: "native", dashboardDomain: "tunnel.example.com", logLevel: "debug" }).get("hosts/vps/pangolin.nix")!);
  const p = m.services.pangolin;
  assert.equal(
    [p.enable, p.baseDomain, p.dashboardDomain, p.letsEncryptEmail, p.environmentFile, p.dataDir],
    [true, "example.com", "tunnel.example.com", "ops@example.com", "/run/secrets/pangolin.env", "/var/lib/pangolin"],
  );
  assert.is(p.openFirewall, undefined);
  assert.equal(p.settings.app, { log_level: "debug", telemetry: { anonymous_usage: false } });
  assert.equal(p.settings.gerbil, { start_port: 51820, clients_start_port: 21820 });
  assert.is(p.settings.email, undefined);
  assert.is(p.settings.server, undefined, "no server.secret in the store");
  assert.is(p.settings.flags.require_email_verification, false);
});

test("native: the firewall opens 21820 too, which the module's openFirewall leaves out; WireGuard module and forwarding", () => {
  const m = evalNative(files({ backend: "native" }).get("hosts/vps/pangolin.nix")!);
  assert.equal(m.networking.firewall, { allowedTCPPorts: [80, 443], allowedUDPPorts: [21820, 51820] });
  assert.equal(m.boot.kernelModules, ["wireguard"]);
  assert.equal(m.boot.kernel.sysctl, { "net.ipv4.ip_forward": 1 });
  assert.is(m.services.traefik, undefined);
});

test("native: HTTP/3 and SMTP when asked for", () => {
  const smtp = { host: "smtp.example.com", noReply: "noreply@example.com" };
  const m = evalNative(files({ backend: "native", http3: true, smtp }).get("hosts/vps/pangolin.nix")!);
  assert.is(m.services.traefik.staticConfigOptions.entryPoints.websecure.http3.advertisedPort, 443);
  assert.equal(m.networking.firewall.allowedUDPPorts, [443, 21820, 51820]);
  assert.equal(m.services.pangolin.settings.email, { smtp_host: "smtp.example.com", smtp_port: 587, smtp_secure: false, no_reply: "noreply@example.com" });
  assert.is(m.services.pangolin.settings.flags.require_email_verification, true);
});

test("config.yml: dashboard URL, domain, gerbil ports, CORS; no secret and no SMTP credentials", () => {
  const smtp = { host: "smtp.example.com", noReply: "noreply@example.com" };
  const c = yamlFile(stack({ smtp }), "config/config.yml");
  assert.equal(c.app, { dashboard_url: "https://pangolin.example.com", log_level: "info", telemetry: { anonymous_usage: false } });
  assert.equal(c.domains, { domain1: { base_domain: "example.com" } });
  assert.equal(c.gerbil, { start_port: 51820, clients_start_port: 21820, base_endpoint: "pangolin.example.com" });
  assert.equal(c.server.cors.origins, ["https://pangolin.example.com"]);
  assert.is(c.server.secret, undefined);
  assert.equal(c.email, { smtp_host: "smtp.example.com", smtp_port: 587, smtp_secure: false, no_reply: "noreply@example.com" });
  assert.equal(c.flags, { require_email_verification: true, disable_signup_without_invite: true, disable_user_create_org: false, allow_raw_resources: true });
  assert.not.match(stringify(c), /smtp_user|smtp_pass|secret/);
});

test("traefik_config.yml: Pangolin's HTTP provider, the file provider, entry points, ACME resolver, Badger", () => {
  const t = yamlFile(stack(), "config/traefik/traefik_config.yml");
  assert.equal(t.providers.http, { endpoint: "http://pangolin:3001/api/v1/traefik-config", pollInterval: "5s" });
  assert.equal(t.providers.file, { filename: "/etc/traefik/dynamic_config.yml" });
  assert.equal(t.experimental.plugins.badger, { moduleName: "github.com/fosrl/badger", version: "v1.7.0" });
  assert.equal(t.entryPoints.web, { address: ":80" });
  assert.is(t.entryPoints.websecure.address, ":443");
  assert.is(t.entryPoints.websecure.transport.respondingTimeouts.readTimeout, "30m");
  assert.equal(t.entryPoints.websecure.http3, { advertisedPort: 443 });
  assert.equal(t.entryPoints.websecure.http.tls, { certResolver: "letsencrypt" });
  assert.equal(t.entryPoints.websecure.http.middlewares, ["compress@file"]);
  assert.equal(t.certificatesResolvers.letsencrypt.acme, {
    httpChallenge: { entryPoint: "web" },
    email: "ops@example.com",
    storage: "/letsencrypt/acme.json",
    caServer: "https://acme-v02.api.letsencrypt.org/directory",
  });
  assert.equal(t.ping, { entryPoint: "web" });
  assert.equal(t.api, { insecure: true, dashboard: true });
  const noQuic = yamlFile(stack({ http3: false, badgerVersion: "v1.6.0" }), "config/traefik/traefik_config.yml");
  assert.is(noQuic.entryPoints.websecure.http3, undefined);
  assert.is(noQuic.experimental.plugins.badger.version, "v1.6.0");
});

test("dynamic_config.yml: dashboard routers on the dashboard host, middlewares and services", () => {
  const d = yamlFile(stack({ dashboardDomain: "tunnel.example.com" }), "config/traefik/dynamic_config.yml");
  const host = "Host(`tunnel.example.com`)";
  const r = d.http.routers;
  assert.equal(Object.keys(r), ["main-app-router-redirect", "next-router", "api-router", "ws-router"]);
  assert.equal(r["main-app-router-redirect"], { rule: host, service: "next-service", entryPoints: ["web"], middlewares: ["redirect-to-https", "badger"] });
  assert.is(r["next-router"].rule, `${host} && !PathPrefix(\`/api/v1\`) && !PathPrefix(\`/.well-known\`)`);
  assert.is(r["api-router"].rule, `${host} && (PathPrefix(\`/api/v1\`) || PathPrefix(\`/.well-known\`))`);
  assert.is(r["ws-router"].rule, host);
  for (const name of ["next-router", "api-router", "ws-router"]) {
    assert.equal(r[name].entryPoints, ["websecure"], name);
    assert.equal(r[name].middlewares, ["badger"], name);
    assert.equal(r[name].tls, { certResolver: "letsencrypt" }, name);
  }
  assert.equal(d.http.middlewares, {
    badger: { plugin: { badger: { disableForwardAuth: true } } },
    "redirect-to-https": { redirectScheme: { scheme: "https" } },
    compress: { compress: {} },
  });
  assert.equal(d.http.services["next-service"].loadBalancer.servers, [{ url: "http://pangolin:3002" }]);
  assert.equal(d.http.services["api-service"].loadBalancer.servers, [{ url: "http://pangolin:3000" }]);
  assert.equal(d.tcp.serversTransports["pp-transport-v2"], { proxyProtocol: { version: 2 } });
});

test("fixture pangolin-vps: the seed's VPS runs the Docker stack alone on its ports, with its state declared", async () => {
  const mod = (await import(pathToFileURL(join(ROOT, "fixtures/pangolin-vps/infra.config.ts")).href)) as { default: unknown };
  const vps = resolveInfra(mod.default).hosts[0]!;
  assert.is(vps.name, "vps");
  assert.is(vps.stateVersion, "26.05");
  assert.is(vps.caddy, undefined);
  assert.equal(vps.stacks.map((s) => [s.name, s.backend, s.containers.map((c) => c.name)]), [["pangolin", "oci-containers", ["pangolin", "gerbil", "traefik"]]]);
  assert.equal(vps.pangolin!.ports, { tcp: [80, 443], udp: [443, 21820, 51820] });
  assert.equal(vps.state.map((s) => s.path), ["/var/lib/pangolin"]);
  const config = yamlFile(vps.stacks[0]!, "config/config.yml");
  assert.is(config.email.smtp_host, "smtp.example.com");
});

test.run();
