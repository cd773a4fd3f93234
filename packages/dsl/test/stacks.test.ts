// Container stacks: one test per validation code (code, config path, message), the warnings,
// and the normalised model of a valid stack.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { resolveInfra } from "../src/index.ts";
import { floatingTag } from "../src/schema/stack.ts";
import { infra, issuesOf, only } from "./helpers.ts";

type Obj = Record<string, unknown>;
const STACKS = ["hosts", "prod", "stacks"];
const at = (stack: string, container: string, ...rest: (string | number)[]) => [...STACKS, stack, "containers", container, ...rest];

/** A valid stack: a database with a health check and an app that waits for it. */
function stack(containers: Obj = {}, over: Obj = {}): Obj {
  return {
    containers: {
      db: { image: "postgres:17.2", healthcheck: { test: "pg_isready" } },
      app: { image: "ghcr.io/acme/app:1.4.0", dependsOn: { db: "healthy" }, ports: ["8080:80"] },
      ...containers,
    },
    ...over,
  };
}

const withStacks = (stacks: Obj, host: Obj = {}) => infra({ stacks, ...host });

function expectIssue(config: unknown, code: string, path: (string | number)[], message: RegExp): void {
  const issue = only(issuesOf(config), code);
  assert.equal(issue.path, path);
  assert.match(issue.message, message);
}

test("a valid stack resolves without warnings", () => {
  const model = resolveInfra(withStacks({ web: stack() }));
  assert.equal(model.warnings, []);
  const [web] = model.hosts[0]!.stacks;
  assert.equal(web!.containers.map((c) => c.name), ["db", "app"]);
  assert.equal(web!.containers[1]!.dependsOn, [{ name: "db", condition: "healthy" }]);
});

test("floatingTag: untagged and latest float; versions, registry ports and digests do not", () => {
  assert.is(floatingTag("nginx"), "");
  assert.is(floatingTag("nginx:latest"), "latest");
  assert.is(floatingTag("nginx:"), "", "an empty tag is no tag");
  assert.is(floatingTag("localhost:5000/nginx"), "");
  assert.is(floatingTag("localhost:5000/nginx:1.27"), undefined);
  assert.is(floatingTag("nginx:latest@sha256:" + "a".repeat(64)), undefined);
  assert.is(floatingTag("docker.io/fosrl/pangolin:1.12.3"), undefined);
});

test("floating_image: an untagged or latest image is an error without allowLatest", () => {
  const untagged = withStacks({ web: stack({ app: { image: "nginx" } }) });
  expectIssue(untagged, "floating_image", at("web", "app", "image"), /"nginx" has no tag.*pin a version tag.*allowLatest: true/);
  const latest = withStacks({ web: stack({ app: { image: "nginx:latest" } }) });
  expectIssue(latest, "floating_image", at("web", "app", "image"), /is tagged "latest"/);
});

test("floating_image with allowLatest, and privileged: allowed, with warnings", () => {
  const model = resolveInfra(withStacks({ web: stack({ app: { image: "nginx:latest", allowLatest: true, privileged: true } }) }));
  assert.equal(model.warnings.map((w) => [w.code, w.path]), [
    ["privileged_container", at("web", "app", "privileged")],
    ["floating_image", at("web", "app", "allowLatest")],
  ]);
  assert.match(model.warnings[0]!.message, /grant only what it needs with capAdd and devices|root in it is root on the host/);
});

test("env_interpolation: ${VAR} and $VAR are refused, plain dollars pass", () => {
  const env = (value: string) => withStacks({ web: stack({ app: { image: "a:1", environment: { A: "ok", PASS: value } } }) });
  expectIssue(env("${DB_PASSWORD}"), "env_interpolation", at("web", "app", "environment", "PASS"), /interpolate \$\{DB_PASSWORD\}.*never baked into a \.nix file.*put it in an environmentFiles file/);
  expectIssue(env("x-$SECRET"), "env_interpolation", at("web", "app", "environment", "PASS"), /interpolate \$SECRET/);
  assert.ok(resolveInfra(env("costs 5$ or $5")));
});

test("unknown_container: dependsOn and networkMode name a container the stack does not have", () => {
  const deps = withStacks({ web: stack({ app: { image: "a:1", dependsOn: ["dbb"] } }) });
  expectIssue(deps, "unknown_container", at("web", "app", "dependsOn", 0), /unknown container "dbb"; containers in stack "web": db, app/);
  const mode = withStacks({ web: stack({ side: { image: "a:1", networkMode: "service:nope" } }) });
  expectIssue(mode, "unknown_container", at("web", "side", "networkMode"), /unknown container "nope"/);
});

test("unknown_container: a misspelt name gets a suggestion; in dependsOn's object form the key is marked", () => {
  const list = only(issuesOf(withStacks({ web: stack({ app: { image: "a:1", dependsOn: ["dbb"] } }) })), "unknown_container");
  assert.equal([list.suggestion, list.key], ["db", undefined]);
  const record = only(issuesOf(withStacks({ web: stack({ app: { image: "a:1", dependsOn: { dbb: "healthy" } } }) })), "unknown_container");
  assert.equal([record.path, record.suggestion, record.key], [at("web", "app", "dependsOn", "dbb"), "db", true]);
  const network = only(issuesOf(withStacks({ web: stack({ app: { image: "a:1", networks: ["frnt"] } }, { networks: { front: {} } }) })), "unknown_network");
  assert.is(network.suggestion, "front");
});

test("invalid_name: a label key with '=', whitespace or a newline; label values are free text", () => {
  const labels = (l: Obj) => withStacks({ web: stack({ app: { image: "a:1", labels: l } }) });
  expectIssue(labels({ "a=b": "c" }), "invalid_name", at("web", "app", "labels", "a=b"), /label name "a=b" must be letters/);
  expectIssue(labels({ "x\ny": "c" }), "invalid_name", at("web", "app", "labels", "x\ny"), /label name "x\\ny"/);
  assert.ok(resolveInfra(labels({ "traefik.http.routers.web.rule": "Host(`a.b`)\n${x} \"; }; evil = {" })));
});

test("invalid_volume: a control character in a volume path, a named volume Docker cannot name", () => {
  const volumes = (v: unknown[]) => withStacks({ web: stack({ app: { image: "a:1", volumes: v } }) });
  expectIssue(volumes(["/srv/a\nb:/data"]), "invalid_volume", at("web", "app", "volumes", 0), /volume source "\/srv\/a\\nb" contains a control character/);
  expectIssue(volumes([{ source: "/srv/a", target: "/data\t" }]), "invalid_volume", at("web", "app", "volumes", 0, "target"), /volume target/);
  expectIssue(volumes([{ source: 'd"; x = {', target: "/data" }]), "invalid_volume", at("web", "app", "volumes", 0, "source"), /neither a host path nor a volume name/);
  assert.ok(resolveInfra(volumes(["pg_data.1:/data", "/srv/$site/a b:/www"])));
});

test("an image that is not an image reference says so", () => {
  const issue = only(issuesOf(withStacks({ web: stack({ app: { image: 'nginx:1"; evil = {' } }) })), "invalid_format");
  assert.match(issue.message, /^not an image reference: /);
});

test("foreign_container: a dependency in another stack", () => {
  const config = withStacks({ web: stack(), jobs: { containers: { worker: { image: "w:1", dependsOn: { db: "started" } } } } });
  expectIssue(config, "foreign_container", at("jobs", "worker", "dependsOn", "db"), /container "db" is in stack "web", not "jobs"/);
});

test("dependency_cycle: through dependsOn and service: namespaces, reported once", () => {
  const config = withStacks({
    web: stack({ app: { image: "a:1", dependsOn: ["cache"] }, cache: { image: "c:1", networkMode: "service:app" } }),
  });
  expectIssue(config, "dependency_cycle", at("web", "app", "dependsOn"), /dependency cycle: app → cache → app/);
  const self = withStacks({ web: stack({ app: { image: "a:1", dependsOn: ["app"] } }) });
  expectIssue(self, "dependency_cycle", at("web", "app", "dependsOn"), /app → app/);
});

test("no_healthcheck: waiting for healthy on a container without a health check", () => {
  const config = withStacks({ web: stack({ db: { image: "postgres:17.2" } }) });
  expectIssue(config, "no_healthcheck", at("web", "app", "dependsOn", "db"), /"db" has no healthcheck: add one, or wait for "started"/);
});

test("completed_restarts: waiting for completion of a container that restarts", () => {
  const config = withStacks({ web: stack({ migrate: { image: "m:1" }, app: { image: "a:1", dependsOn: { migrate: "completed" } } }) });
  expectIssue(config, "completed_restarts", at("web", "app", "dependsOn", "migrate"), /restart "unless-stopped".*set its restart to "no"/);
  const ok = withStacks({ web: stack({ migrate: { image: "m:1", restart: "no" }, app: { image: "a:1", dependsOn: { migrate: "completed" } } }) });
  assert.ok(resolveInfra(ok));
});

test("conflicting_waits: one container awaited both healthy and completed", () => {
  const config = withStacks({
    web: stack({ db: { image: "postgres:17.2", restart: "no", healthcheck: { test: "pg_isready" } }, seed: { image: "s:1", dependsOn: { db: "completed" } } }),
  });
  expectIssue(config, "conflicting_waits", at("web", "app", "dependsOn", "db"), /waits for "db" to be healthy while another container waits for it to complete/);
});

test("network_mode_conflict: networkMode with networks or ports", () => {
  const networks = withStacks({ web: stack({ side: { image: "s:1", networkMode: "service:app", networks: ["web"] } }) });
  expectIssue(networks, "network_mode_conflict", at("web", "side", "networks"), /shares the network namespace of "app".*put the networks on "app"/);
  const ports = withStacks({ web: stack({ side: { image: "s:1", networkMode: "service:app", ports: ["9090:9090"] } }) });
  expectIssue(ports, "network_mode_conflict", at("web", "side", "ports"), /publish them on "app", which owns the namespace/);
  const host = withStacks({ web: stack({ side: { image: "s:1", networkMode: "host", ports: ["9090:9090"] } }) });
  expectIssue(host, "network_mode_conflict", at("web", "side", "ports"), /listens on the host's ports directly/);
});

test("unknown_network: a container joins a network its stack does not declare", () => {
  const config = withStacks({ web: stack({ app: { image: "a:1", networks: ["front", "back"] } }, { networks: { front: {} } }) });
  expectIssue(config, "unknown_network", at("web", "app", "networks", 1), /unknown network "back"; networks of stack "web": front/);
  const byDefault = withStacks({ web: stack({ app: { image: "a:1", networks: ["web"] } }) });
  assert.ok(resolveInfra(byDefault));
});

test("duplicate_container: container names are unique across the stacks of a host", () => {
  const config = withStacks({ web: stack(), other: { containers: { db: { image: "postgres:17.2" } } } });
  expectIssue(config, "duplicate_container", at("other", "db"), /"db" is already used in stack "web"/);
});

test("network_clash: network names are unique across the stacks of a host", () => {
  const config = withStacks({ web: stack(), other: { networks: { web: {} }, containers: { x: { image: "x:1" } } } });
  expectIssue(config, "network_clash", [...STACKS, "other", "networks", "web"], /network "web" is already declared by stack "web"/);
});

test("unit_clash: a container whose unit name is a network's or a compose stack's", () => {
  const network = withStacks({ web: stack({ "network-web": { image: "x:1" } }) });
  expectIssue(network, "unit_clash", at("web", "network-web"), /unit docker-network-web, which is the unit of network "web": rename/);
  const compose = withStacks({ web: stack({ "compose-jobs": { image: "x:1" } }), jobs: { backend: "compose", containers: { j: { image: "j:1" } } } });
  expectIssue(compose, "unit_clash", at("web", "compose-jobs"), /compose stack "jobs"/);
});

test("port_clash: same host port and protocol on overlapping addresses; tcp and udp apart", () => {
  const two = (a: unknown, b: unknown) => withStacks({ vpn: { containers: { one: { image: "a:1", ports: [a] }, two: { image: "b:1", ports: [b] } } } });
  expectIssue(two("51820:51820/udp", "51820:51821/udp"), "port_clash", at("vpn", "two", "ports", 0), /51820\/udp is already published by container "one"/);
  expectIssue(two("127.0.0.1:8080:80", "8080:80"), "port_clash", at("vpn", "two", "ports", 0), /8080\/tcp/);
  expectIssue(two("0.0.0.0:8080:80", "10.0.0.5:8080:80"), "port_clash", at("vpn", "two", "ports", 0), /8080\/tcp/);
  for (const [a, b] of [
    ["51820:51820/udp", "51820:51820/tcp"],
    ["127.0.0.1:8080:80", "127.0.0.2:8080:80"],
    ["0.0.0.0:8080:80", "[::1]:8080:80"],
  ]) {
    assert.ok(resolveInfra(two(a, b)), `${a} and ${b} may coexist`);
  }
  const across = withStacks({ web: stack(), other: { containers: { x: { image: "x:1", ports: [{ host: 8080, container: 80 }] } } } });
  expectIssue(across, "port_clash", at("other", "x", "ports", 0), /already published by container "app"/);
});

test("a port's bind address is an IP address: names and control characters are refused", () => {
  const port = (bind: string) => withStacks({ web: { containers: { x: { image: "x:1", ports: [{ host: 8080, container: 80, bind }] } } } });
  for (const bind of ["localhost", "127.0.0.1\u001b[31m"]) expectIssue(port(bind), "invalid_address", at("web", "x", "ports", 0, "bind"), /bind is an IP address of the host/);
  for (const bind of ["127.0.0.1", "::1"]) assert.ok(resolveInfra(port(bind)), bind);
});

test("reserved_port: published ports clash with SSH, Caddy's sites, PostgreSQL and apps", () => {
  const port = (p: unknown, host: Obj = {}) => withStacks({ web: { containers: { x: { image: "x:1", ports: [p] } } } }, host);
  expectIssue(port("443:443"), "reserved_port", at("web", "x", "ports", 0), /443\/tcp is taken by Caddy \(HTTPS\).*proxy to it from a Caddy site, or put the stack on a host without Caddy sites/);
  expectIssue(port("443:443/udp"), "reserved_port", at("web", "x", "ports", 0), /Caddy \(HTTP\/3\)/);
  expectIssue(port("22:22"), "reserved_port", at("web", "x", "ports", 0), /22\/tcp is taken by SSH/);
  expectIssue(port("5432:5432"), "reserved_port", at("web", "x", "ports", 0), /PostgreSQL/);
  expectIssue(port("127.0.0.1:8001:80"), "reserved_port", at("web", "x", "ports", 0), /taken by app "web".*change the app's port/);
  const noSites = { apps: {}, postgres: undefined, caddy: undefined };
  assert.ok(resolveInfra(port("80:80", noSites)), "80 is free when the host has no Caddy sites");
});

test("volume_escape: a relative volume source that leaves the stack directory", () => {
  const vol = (v: unknown) => withStacks({ web: { containers: { x: { image: "x:1", volumes: [v] } } } });
  expectIssue(vol("../etc:/etc"), "volume_escape", at("web", "x", "volumes", 0), /"\.\.\/etc" leads outside the stack directory/);
  expectIssue(vol({ source: "./a/../../b", target: "/b" }), "volume_escape", at("web", "x", "volumes", 0), /leads outside/);
  const model = resolveInfra(vol("./a/../b:/b:ro"));
  assert.equal(model.hosts[0]!.stacks[0]!.containers[0]!.volumes, [{ kind: "bind", source: "/var/lib/web/b", target: "/b", readOnly: true }]);
});

test.run();
