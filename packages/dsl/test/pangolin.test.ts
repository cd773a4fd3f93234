// The pangolin preset: its resolved model, the stack it expands into, and one test per check.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { BADGER_VERSION, PANGOLIN_IMAGES, pangolin, resolveInfra, secret, type ContainerModel, type HostModel } from "../src/index.ts";
import { KEY, issuesOf, only } from "./helpers.ts";

type Obj = Record<string, unknown>;
const AT = ["hosts", "vps", "pangolin"];

const options = (over: Obj = {}): Obj => ({
  baseDomain: "example.com",
  email: "ops@example.com",
  environmentFile: secret.file("/run/secrets/pangolin.env"),
  ...over,
});

/** A config with the single host `vps` running Pangolin; `hostOver` replaces host fields. */
function config(over: Obj = {}, hostOver: Obj = {}): Obj {
  return { hosts: { vps: { stateVersion: "26.05", admins: { alice: { sshKeys: [KEY] } }, pangolin: options(over), ...hostOver } } };
}

function vps(over: Obj = {}, hostOver: Obj = {}): HostModel {
  const host = resolveInfra(config(over, hostOver)).hosts[0];
  assert.ok(host);
  return host;
}

function containers(host: HostModel): Map<string, ContainerModel> {
  const stack = host.stacks.find((s) => s.name === "pangolin");
  assert.ok(stack, "the pangolin stack");
  return new Map(stack.containers.map((c) => [c.name, c]));
}

function expectIssue(cfg: unknown, code: string, path: (string | number)[], message: RegExp): void {
  const issue = only(issuesOf(cfg), code);
  assert.equal(issue.path, path);
  assert.match(issue.message, message);
}

test("pangolin() returns its argument unchanged and rejects misspelt options at compile time", () => {
  const input = { baseDomain: "example.com", email: "ops@example.com", environmentFile: secret.file("/run/secrets/p.env") };
  assert.is(pangolin(input), input);
  // @ts-expect-error dashboardDomain, not dashboardDomian
  const typo = pangolin({ ...input, dashboardDomian: "x.example.com" });
  // @ts-expect-error backend is an enum
  const backend = pangolin({ ...input, backend: "podman" });
  assert.equal([typo.baseDomain, backend.baseDomain], ["example.com", "example.com"]);
});

test("defaults: oci-containers, dashboard at pangolin.<base>, pinned images, /var/lib/pangolin, telemetry off", () => {
  const p = vps().pangolin!;
  assert.is(p.backend, "oci-containers");
  assert.is(p.dashboardDomain, "pangolin.example.com");
  assert.equal(p.images, PANGOLIN_IMAGES);
  assert.is(p.badgerVersion, BADGER_VERSION);
  assert.is(p.directory, "/var/lib/pangolin");
  assert.is(p.telemetry, false);
  assert.is(p.http3, true);
  assert.equal(p.environmentFile, { kind: "file", path: "/run/secrets/pangolin.env" });
});

test("the stack: pangolin, gerbil, traefik in the installer's order, in /var/lib/pangolin", () => {
  const host = vps();
  assert.equal(host.stacks.map((s) => s.name), ["pangolin"]);
  const stack = host.stacks[0]!;
  assert.is(stack.backend, "oci-containers");
  assert.is(stack.directory, "/var/lib/pangolin");
  assert.equal(stack.containers.map((c) => c.name), ["pangolin", "gerbil", "traefik"]);
  assert.equal(stack.networks, [{ name: "pangolin", ipv6: false, internal: false }]);
  assert.equal(stack.files.map((f) => f.path), ["config/config.yml", "config/traefik/traefik_config.yml", "config/traefik/dynamic_config.yml"]);
  assert.equal(stack.sysctl, [["net.ipv4.ip_forward", 1]]);
  assert.equal(stack.kernelModules, ["wireguard"]);
  for (const c of stack.containers) assert.is(c.restart, "unless-stopped", c.name);
});

test("pangolin container: config volume, health check, the secret env file, no published ports", () => {
  const c = containers(vps()).get("pangolin")!;
  assert.is(c.image, "docker.io/fosrl/pangolin:1.24.0");
  assert.equal(c.volumes, [{ kind: "bind", source: "/var/lib/pangolin/config", target: "/app/config", readOnly: false }]);
  assert.equal(c.healthcheck, { test: ["CMD", "curl", "-f", "http://localhost:3001/api/v1/"], interval: "10s", timeout: "10s", retries: 15 });
  assert.equal(c.environmentFiles, [{ kind: "file", path: "/run/secrets/pangolin.env" }]);
  assert.equal(c.ports, []);
  assert.equal(c.networks, ["pangolin"]);
});

test("gerbil container: waits for a healthy pangolin, the installer's flags, NET_ADMIN + SYS_MODULE, tun, all public ports", () => {
  const c = containers(vps()).get("gerbil")!;
  assert.equal(c.dependsOn, [{ name: "pangolin", condition: "healthy" }]);
  assert.equal(c.command, ["--reachableAt=http://gerbil:3004", "--generateAndSaveKeyTo=/var/config/key", "--remoteConfig=http://pangolin:3001/api/v1/"]);
  assert.equal(c.capAdd, ["NET_ADMIN", "SYS_MODULE"]);
  assert.equal(c.devices, ["/dev/net/tun:/dev/net/tun"]);
  assert.equal(c.volumes, [{ kind: "bind", source: "/var/lib/pangolin/config", target: "/var/config", readOnly: false }]);
  assert.equal(c.ports, [
    { host: 51820, container: 51820, protocol: "udp" },
    { host: 21820, container: 21820, protocol: "udp" },
    { host: 443, container: 443, protocol: "tcp" },
    { host: 443, container: 443, protocol: "udp" },
    { host: 80, container: 80, protocol: "tcp" },
  ]);
});

test("traefik container: in gerbil's network namespace, its config read-only, certificates and logs writable", () => {
  const c = containers(vps()).get("traefik")!;
  assert.equal(c.networkMode, { kind: "service", name: "gerbil" });
  assert.equal(c.networks, []);
  assert.equal(c.ports, []);
  assert.equal(c.dependsOn, [{ name: "pangolin", condition: "healthy" }]);
  assert.equal(c.command, ["--configFile=/etc/traefik/traefik_config.yml"]);
  assert.equal(c.volumes, [
    { kind: "bind", source: "/var/lib/pangolin/config/traefik", target: "/etc/traefik", readOnly: true },
    { kind: "bind", source: "/var/lib/pangolin/config/letsencrypt", target: "/letsencrypt", readOnly: false },
    { kind: "bind", source: "/var/lib/pangolin/config/traefik/logs", target: "/var/log/traefik", readOnly: false },
  ]);
});

test("without gerbil traefik publishes the web ports itself; no WireGuard ports, sysctl or module", () => {
  const host = vps({ gerbil: false, http3: false, httpPort: 8080, httpsPort: 8443 });
  const map = containers(host);
  assert.equal([...map.keys()], ["pangolin", "traefik"]);
  const traefik = map.get("traefik")!;
  assert.is(traefik.networkMode, undefined);
  assert.equal(traefik.networks, ["pangolin"]);
  assert.equal(traefik.ports, [{ host: 8443, container: 443, protocol: "tcp" }, { host: 8080, container: 80, protocol: "tcp" }]);
  const stack = host.stacks[0]!;
  assert.equal([stack.sysctl, stack.kernelModules], [[], []]);
  assert.equal(host.pangolin!.ports, { tcp: [8080, 8443], udp: [] });
});

test("Pangolin opens exactly its published ports; the data directory is declared state", () => {
  const host = vps();
  assert.equal(host.pangolin!.ports, { tcp: [80, 443], udp: [443, 21820, 51820] });
  assert.equal(host.state.map((s) => s.path), ["/var/lib/pangolin"]);
  assert.match(host.state[0]!.what, /config\/db.*config\/key.*config\/letsencrypt/);
  const noQuic = vps({ http3: false });
  assert.equal(noQuic.pangolin!.ports, { tcp: [80, 443], udp: [21820, 51820] });
});

test("compose backend: the same stack, run by docker compose; native: no stack, the model only", () => {
  assert.is(vps({ backend: "compose" }).stacks[0]!.backend, "compose");
  const native = vps({ backend: "native" });
  assert.equal(native.stacks, []);
  assert.is(native.pangolin!.backend, "native");
  assert.is(native.pangolin!.http3, false);
  assert.equal(native.pangolin!.ports, { tcp: [80, 443], udp: [21820, 51820] });
});

test("the pangolin stack comes after the host's own stacks; directory and ports follow the options", () => {
  const other = { containers: { web: { image: "nginx:1.27", ports: ["8080:80"] } } };
  const host = vps({ directory: "/srv/pangolin", wireguardPort: 51821, clientsPort: 21821 }, { stacks: { site: other } });
  assert.equal(host.stacks.map((s) => s.name), ["site", "pangolin"]);
  const gerbil = containers(host).get("gerbil")!;
  assert.equal(gerbil.ports.slice(0, 2), [{ host: 51821, container: 51821, protocol: "udp" }, { host: 21821, container: 21821, protocol: "udp" }]);
  assert.is(gerbil.volumes[0]!.source, "/srv/pangolin/config");
});

// --- checks -------------------------------------------------------------------------------

test("pangolin_caddy_ports: Caddy sites and Pangolin both on 80/443 of one host", () => {
  const caddy = { email: "ops@example.com", sites: { "www.example.com": { root: "/var/www" } } };
  const issues = issuesOf(config({}, { caddy })).filter((d) => d.code === "pangolin_caddy_ports");
  assert.equal(issues.map((d) => d.path), [[...AT, "httpPort"], [...AT, "httpsPort"]]);
  assert.match(issues[0]!.message, /host of its own.*httpPort: 8080, httpsPort: 8443.*proxy its domains from Caddy/);
  const native = only(issuesOf(config({ backend: "native" }, { caddy })).filter((d) => d.path.at(-1) === "httpPort"), "pangolin_caddy_ports");
  assert.match(native.message, /use a Docker backend with free ports/);
  // Moved ports are fine.
  assert.ok(resolveInfra(config({ httpPort: 8080, httpsPort: 8443 }, { caddy })).hosts[0]!.caddy);
});

test("port_clash: a Pangolin port taken by an app, SSH, Caddy's admin API, another stack, or Pangolin itself", () => {
  const apps = { web: { port: 8443, package: { path: "./web" }, start: "bun server.ts" } };
  expectIssue(config({ httpsPort: 8443 }, { apps }), "port_clash", [...AT, "httpsPort"], /TCP port 8443 .* already used by app "web"/);
  expectIssue(config({ httpPort: 2222 }, { ssh: { port: 2222 } }), "port_clash", [...AT, "httpPort"], /2222.*used by SSH/);
  const stacks = { vpn: { containers: { wg: { image: "wg:1.0", ports: ["51820:51820/udp"] } } } };
  expectIssue(config({}, { stacks }), "port_clash", [...AT, "wireguardPort"], /UDP port 51820.*container "wg" of stack "vpn"/);
  expectIssue(config({ clientsPort: 51820 }), "port_clash", [...AT, "clientsPort"], /both Gerbil's site tunnels and Gerbil's client relay/);
  const caddy = { email: "ops@example.com", sites: { "www.example.com": { root: "/var/www" } } };
  const admin = config({ httpPort: 2019, httpsPort: 8443 }, { caddy });
  expectIssue(admin, "port_clash", [...AT, "httpPort"], /TCP port 2019 .* already used by Caddy's admin API/);
});

test("name_clash, network_clash: a stack named pangolin, a container named like Pangolin's or a network named like its network on the same host", () => {
  const stacks = { pangolin: { containers: { app: { image: "nginx:1.27" } } }, proxy: { containers: { traefik: { image: "traefik:v3.6" } } } };
  const issues = issuesOf(config({}, { stacks })).filter((d) => d.code === "name_clash");
  assert.equal(issues.map((d) => d.path), [
    ["hosts", "vps", "stacks", "pangolin"],
    ["hosts", "vps", "stacks", "proxy", "containers", "traefik"],
  ]);
  assert.match(issues[1]!.message, /container "traefik" is one of Pangolin's/);
  const net = { web: { networks: { pangolin: {} }, containers: { app: { image: "nginx:1.27" } } } };
  expectIssue(config({}, { stacks: net }), "network_clash", ["hosts", "vps", "stacks", "web", "networks", "pangolin"], /network "pangolin" is the network of the stack the pangolin preset creates/);
  assert.ok(resolveInfra(config({ backend: "native" }, { stacks: net })).hosts[0]!.pangolin, "the native backend has no Docker network");
  const apps = { gerbil: { port: 8001, package: { path: "./g" }, start: "bun g.ts" } };
  expectIssue(config({ backend: "native" }, { apps }), "name_clash", ["hosts", "vps", "apps", "gerbil"], /system user/);
});

test("pangolin_native_unsupported: options nixpkgs' services.pangolin cannot express are errors", () => {
  const issues = issuesOf(
    config({ backend: "native", images: { pangolin: "fosrl/pangolin:1.24.0" }, badgerVersion: "v1.7.0", gerbil: false, httpPort: 8080, httpsPort: 8443, directory: "/srv/p" }),
  ).filter((d) => d.code === "pangolin_native_unsupported");
  assert.equal(issues.map((d) => d.path.at(-1)), ["images", "badgerVersion", "gerbil", "httpPort", "directory", "httpsPort"]);
  for (const d of issues) assert.match(d.message, /^the native backend /);
});

test("invalid_domain, invalid e-mail and unpinned_image: malformed options", () => {
  expectIssue(config({ baseDomain: "Example_com" }), "invalid_domain", [...AT, "baseDomain"], /needs at least two labels|invalid label/);
  expectIssue(config({ dashboardDomain: "*.example.com" }), "invalid_domain", [...AT, "dashboardDomain"], /wildcard/);
  const email = only(issuesOf(config({ email: "not-an-email" })), "invalid_format");
  assert.equal(email.path, [...AT, "email"]);
  expectIssue(config({ images: { gerbil: "fosrl/gerbil:latest" } }), "unpinned_image", [...AT, "images", "gerbil"], /no pinned tag/);
  expectIssue(config({ images: { traefik: "traefik" } }), "unpinned_image", [...AT, "images", "traefik"], /no pinned tag/);
});

test("the server secret is a reference: a plain string is refused", () => {
  const issue = issuesOf(config({ environmentFile: "SERVER_SECRET=hunter22" })).find((d) => d.path.join(".") === [...AT, "environmentFile"].join("."));
  assert.ok(issue);
  assert.match(issue.message, /secret\.file/);
});

test("pangolin_dashboard_domain: a dashboard outside the base domain is a warning, not an error", () => {
  const model = resolveInfra(config({ dashboardDomain: "pangolin.example.org" }));
  const warning = only(model.warnings, "pangolin_dashboard_domain");
  assert.equal(warning.path, [...AT, "dashboardDomain"]);
  assert.match(warning.message, /not under baseDomain "example.com"/);
  assert.equal(resolveInfra(config({ dashboardDomain: "example.com" })).warnings, []);
});

test.run();
