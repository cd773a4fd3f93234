// Container stacks: the emitted modules evaluated with stand-in arguments (one nix-instantiate
// run), the health wait script run against a stand-in `docker`, and every compose file checked by
// the real docker-compose.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { spawnSync } from "node:child_process";
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "yaml";
import { resolveInfra, secret, type Model } from "@gen-nix/dsl";
import { emitAll } from "@gen-nix/emit-nix";
import { SSH_KEY as KEY } from "./support/config.ts";
import { GOLDEN, readTree, writeTree } from "./support/fixtures.ts";
import { callModule, nixEval } from "./support/nix.ts";

/** Stand-ins for the module arguments (`nix-instantiate --eval` hashes store paths without writing them). */
const ARGS =
  '{ config.virtualisation.docker.package = "/docker"; lib.mkForce = x: { force = x; }; pkgs.writeShellScript = name: text: builtins.toFile name text; }';
/** The same, but a script stands for its own text, so a test can run it. */
const TEXT_ARGS = '{ config.virtualisation.docker.package = "/docker"; lib.mkForce = x: x; pkgs.writeShellScript = name: text: text; }';

/** A host with the stacks `stacks`; `extend` fills in what presets add (files, sysctl, kernel modules). */
function model(stacks: Record<string, unknown>, extend: (m: Model) => void = () => {}): Model {
  const m = resolveInfra({ hosts: { h: { stateVersion: "26.05", admins: { ops: { sshKeys: [KEY] } }, stacks } } });
  extend(m);
  return m;
}

/** Every module file called with ARGS, in one evaluation: file → its attribute set as JSON. */
function evalModules(files: Record<string, string>): Record<string, any> {
  const bindings = Object.entries(files).map(([name, file]) => `${JSON.stringify(name)} = ${callModule(file, ARGS)};`);
  const text = `waitScript = ${callModule(files.wiki!, TEXT_ARGS)}.systemd.services.docker-wiki.serviceConfig.ExecStartPre;`;
  return nixEval(`{ ${bindings.join(" ")} ${text} }`) as Record<string, any>;
}

const stackWithFiles = model(
  {
    edge: {
      containers: {
        proxy: { image: "traefik:v3.6", ports: ["80:80", "[::1]:8080:8080", "127.0.0.1:9000:9000/udp", "51820:51820/udp"], volumes: ["./config:/etc/traefik:ro"] },
      },
    },
    edgec: { backend: "compose", containers: { proxyc: { image: "traefik:v3.6", ports: ["81:80", "[::1]:8081:8080"] } } },
  },
  (m) => {
    for (const stack of m.hosts[0]!.stacks) {
      stack.files.push({ path: "config/traefik.yml", content: { yaml: { entryPoints: { web: { address: ":80" } }, log: { level: "no" } } } });
      stack.files.push({ path: "config/notes.txt", content: { text: "plain text\n" } });
      stack.sysctl.push(["net.ipv4.ip_forward", 1], ["net.ipv4.conf.all.src_valid_mark", 1]);
      stack.kernelModules.push("wireguard");
    }
  },
);
const filesTree = mkdtempSync(join(tmpdir(), "gen-nix-stacks-"));
writeTree(filesTree, emitAll(stackWithFiles));
const golden = (fixture: string, path: string) => join(GOLDEN, fixture, path);
const evaluated = evalModules({
  files: join(filesTree, "hosts/h/stacks/edge.nix"),
  filesCompose: join(filesTree, "hosts/h/stacks/edgec.nix"),
  wiki: golden("stacks-oci", "hosts/apps/stacks/wiki.nix"),
  vpn: golden("stacks-oci", "hosts/apps/stacks/vpn.nix"),
  wikiCompose: golden("stacks-compose", "hosts/apps/stacks/wiki.nix"),
  host: golden("stacks-oci", "hosts/apps/default.nix"),
});

test("the host imports each stack's module", () => {
  assert.equal(evaluated.host.imports.map((p: string) => p.replace(/^\/nix\/store\/[a-z0-9]{32}-/, "")), ["wiki.nix", "vpn.nix"]);
});

test("oci: docker backend, containers with real oci-containers options", () => {
  const { wiki } = evaluated;
  assert.is(wiki.virtualisation.docker.enable, true);
  assert.is(wiki.virtualisation["oci-containers"].backend, "docker");
  const c = wiki.virtualisation["oci-containers"].containers;
  assert.equal(Object.keys(c), ["wiki", "wiki-db", "wiki-migrate"]);
  assert.equal(c.wiki.networks, ["backend", "frontend"]);
  assert.equal(c.wiki.dependsOn, ["wiki-db", "wiki-migrate"]);
  assert.equal(c.wiki.environmentFiles, ["/run/secrets/wiki.env"]);
  assert.equal(c.wiki.environment, { DB_TYPE: "postgres", DB_HOST: "wiki-db", PRICE: "5$ a month" });
  assert.equal(c.wiki.volumes, ["/var/lib/wiki/uploads:/wiki/data/uploads", "/srv/wiki/assets:/wiki/assets:ro"]);
  assert.equal(c["wiki-db"].volumes, ["wiki_pgdata:/var/lib/postgresql/data"], "named volumes carry the stack prefix, as under compose");
  assert.equal(c["wiki-db"].extraOptions, ["--health-cmd=pg_isready -U wiki", "--health-interval=10s", "--health-timeout=5s", "--health-retries=5", "--health-start-period=30s"]);
  assert.equal(wiki.networking.firewall.allowedTCPPorts, [8443], "127.0.0.1:3000 stays closed");
});

test("oci: networks are created once by oneshot units the containers require", () => {
  const s = evaluated.wiki.systemd.services;
  assert.is(s["docker-network-frontend"].script, "docker network inspect frontend >/dev/null 2>&1 || docker network create --ipv6 frontend");
  assert.is(s["docker-network-backend"].script, "docker network inspect backend >/dev/null 2>&1 || docker network create --internal backend");
  assert.equal(s["docker-network-backend"].path, ["/docker"]);
  assert.equal(s["docker-network-backend"].serviceConfig, { Type: "oneshot", RemainAfterExit: true });
  assert.equal(s["docker-wiki"].requires, ["docker-network-backend.service", "docker-network-frontend.service"]);
  assert.equal(s["docker-wiki"].after, s["docker-wiki"].requires);
});

test("oci: healthy waits in ExecStartPre, completed makes the dependency a oneshot, restart maps onto Restart=", () => {
  const s = evaluated.wiki.systemd.services;
  const [wait] = s["docker-wiki"].serviceConfig.ExecStartPre;
  assert.match(wait, /^\/nix\/store\/[a-z0-9]{32}-wait-healthy wiki-db 420$/);
  assert.equal(s["docker-wiki-migrate"].serviceConfig, { Type: "oneshot", RemainAfterExit: true, ExecStartPre: [wait], Restart: { force: "no" } });
  assert.equal(evaluated.vpn.systemd.services["docker-wg"].serviceConfig, { Restart: { force: "on-failure" } });
  assert.is(evaluated.vpn.systemd.services["docker-wg-dns"], undefined, "restart unless-stopped keeps the module's Restart = always");
});

test("oci: entrypoint arguments, namespaces, capabilities, devices and DNS", () => {
  const c = evaluated.vpn.virtualisation["oci-containers"].containers;
  assert.is(c["wg-dns"].entrypoint, "unbound");
  assert.equal(c["wg-dns"].cmd, ["-d", "-c", "/etc/unbound/custom.conf"]);
  assert.equal(c["wg-dns"].extraOptions, ["--network=container:wg", "--dns=9.9.9.9"]);
  assert.equal(c["wg-dns"].dependsOn, ["wg"]);
  assert.is(c["wg-dns"].networks, undefined);
  assert.equal(c.wg.capabilities, { NET_ADMIN: true, SYS_MODULE: true, MKNOD: false });
  assert.equal(c.wg.devices, ["/dev/net/tun:/dev/net/tun"]);
  assert.equal(c.wg.ports, ["51820:51820/udp", "51820:51820"]);
  assert.equal(c.wg.extraOptions, ["--health-cmd=wg show wg0"]);
  assert.equal(evaluated.vpn.networking.firewall, { allowedTCPPorts: [51820], allowedUDPPorts: [51820] });
});

test("the health wait script passes on healthy, fails on unhealthy and after its time budget", () => {
  const [call] = evaluated.waitScript as string[];
  assert.ok(call!.endsWith("\n wiki-db 420"), call);
  const bin = mkdtempSync(join(tmpdir(), "gen-nix-docker-"));
  const script = join(bin, "wait-healthy");
  writeFileSync(script, call!.slice(0, -" wiki-db 420".length));
  const run = (status: string, budget: string) => {
    writeFileSync(join(bin, "docker"), `#!/bin/sh\n[ "$4" = db ] && echo ${status}\n`);
    chmodSync(join(bin, "docker"), 0o755);
    return spawnSync("bash", [script, "db", budget], { env: { PATH: `${bin}:${process.env.PATH}` }, encoding: "utf8" });
  };
  assert.is(run("healthy", "5").status, 0);
  const sick = run("unhealthy", "5");
  assert.is(sick.status, 1);
  assert.match(sick.stderr, /db is unhealthy/);
  const slow = run("starting", "0");
  assert.is(slow.status, 1);
  assert.match(slow.stderr, /did not become healthy within 0 seconds/);
});

test("stack files are written beside the module and copied into the stack directory before the containers start", () => {
  const { files } = evaluated;
  const script: string = files.systemd.services["edge-files"].script;
  const [yamlLine, textLine] = script.trim().split("\n");
  assert.match(yamlLine!, /^install -D -m 0644 \/nix\/store\/[a-z0-9]{32}-traefik\.yml \/var\/lib\/edge\/config\/traefik\.yml$/);
  const written = readFileSync(join(filesTree, "hosts/h/stacks/edge/config/traefik.yml"), "utf8");
  assert.is(written, 'entryPoints:\n  web:\n    address: :80\nlog:\n  level: "no"\n');
  assert.match(textLine!, /^install -D -m 0644 \/nix\/store\/\S+-notes\.txt \/var\/lib\/edge\/config\/notes\.txt$/);
  assert.equal(files.systemd.services["edge-files"].serviceConfig, { Type: "oneshot", RemainAfterExit: true });
  assert.equal(files.systemd.services["docker-proxy"].requires, ["docker-network-edge.service", "edge-files.service"]);
  assert.equal(files.systemd.tmpfiles.settings["10-edge"], { "/var/lib/edge": { d: { user: "root", group: "root", mode: "0750" } } });
  assert.equal(files.virtualisation["oci-containers"].containers.proxy.ports, ["80:80", "[::1]:8080:8080", "127.0.0.1:9000:9000/udp", "51820:51820/udp"]);
  assert.equal(files.networking.firewall, { allowedTCPPorts: [80], allowedUDPPorts: [51820] }, "loopback binds stay closed");
  assert.equal(files.boot, { kernel: { sysctl: { "net.ipv4.ip_forward": 1, "net.ipv4.conf.all.src_valid_mark": 1 } }, kernelModules: ["wireguard"] });
  const compose = evaluated.filesCompose.systemd.services;
  assert.equal(compose["docker-compose-edgec"].requires, ["docker.service", "edgec-files.service"]);
  assert.equal(evaluated.filesCompose.boot.kernelModules, ["wireguard"]);
});

test("compose: one foreground unit over the emitted compose file", () => {
  const unit = evaluated.wikiCompose.systemd.services["docker-compose-wiki"];
  const prefix = /^\/docker\/bin\/docker compose --project-name wiki --project-directory \/var\/lib\/wiki -f \/nix\/store\/\S+-docker-compose\.yml /;
  assert.match(unit.serviceConfig.ExecStart, new RegExp(prefix.source + "up --remove-orphans$"));
  assert.match(unit.serviceConfig.ExecStop, new RegExp(prefix.source + "down$"));
  assert.equal(unit.wantedBy, ["multi-user.target"]);
  assert.equal(unit.after, ["docker.service", "network-online.target"]);
  assert.equal(unit.requires, ["docker.service"]);
  assert.equal(unit.wants, ["network-online.target"]);
  assert.is(evaluated.wikiCompose.virtualisation.docker.enable, true);
  assert.is(evaluated.wikiCompose.virtualisation["oci-containers"], undefined);
  assert.equal(evaluated.wikiCompose.networking.firewall.allowedTCPPorts, [8443]);
});

/**
 * docker-compose 1.29 (what CI installs) predates the top-level `name` key, which compose v2 (the
 * plugin nixpkgs' docker ships) reads; the unit passes --project-name anyway. The check drops that
 * one key, and points env_file at an empty file because `config` opens env files.
 */
function composeConfig(files: Map<string, string>): any {
  const dir = mkdtempSync(join(tmpdir(), "gen-nix-compose-"));
  const envFile = join(dir, "empty.env");
  writeFileSync(envFile, "");
  const args: string[] = [];
  for (const [path, content] of files) {
    const doc = parse(content);
    assert.is(doc.name, path.split("/").at(-2), `${path}: name is the stack`);
    delete doc.name;
    for (const service of Object.values<any>(doc.services)) if (service.env_file) service.env_file = service.env_file.map(() => envFile);
    const file = join(dir, `${args.length / 2}.yml`);
    writeFileSync(file, JSON.stringify(doc));
    args.push("-f", file);
  }
  // One run for all files (docker-compose starts slowly): each file is validated on its own, then
  // merged; container and network names are unique across stacks, so nothing overlaps.
  const r = spawnSync("docker-compose", [...args, "-p", "check", "config"], { encoding: "utf8" });
  if (r.error) throw new Error(`docker-compose is not installed (apt-get install docker-compose): ${r.error.message}`);
  assert.is(r.status, 0, r.stderr);
  return parse(r.stdout);
}

test("every emitted compose file is accepted by docker-compose config, with the services, ports and health checks meant", () => {
  const yamls = new Map(
    [...readTree(join(GOLDEN, "stacks-compose"))].filter(([p]) => p.endsWith("docker-compose.yml")),
  );
  yamls.set("edgec/docker-compose.yml", readFileSync(join(filesTree, "hosts/h/stacks/edgec/docker-compose.yml"), "utf8"));
  assert.is(yamls.size, 3);
  const all = composeConfig(yamls);
  assert.equal(Object.keys(all.services).sort(), ["proxyc", "wg", "wg-dns", "wiki", "wiki-db", "wiki-migrate"]);
  const wiki = all;
  assert.equal(wiki.services.wiki.ports, ["127.0.0.1:3000:3000/tcp", { published: 8443, target: 3443 }]);
  assert.equal(wiki.services.wiki.depends_on, { "wiki-db": { condition: "service_healthy" }, "wiki-migrate": { condition: "service_completed_successfully" } });
  assert.equal(wiki.services["wiki-db"].healthcheck, { interval: "10s", retries: 5, start_period: "30s", test: ["CMD-SHELL", "pg_isready -U wiki"], timeout: "5s" });
  assert.is(wiki.services["wiki-migrate"].restart, "no");
  assert.is(wiki.services.wiki.environment.PRICE, "5$$ a month", "a literal $ stays literal (escaped again by config)");
  assert.equal(wiki.networks, { backend: { internal: true, name: "backend" }, frontend: { enable_ipv6: true, name: "frontend" }, vpn: { name: "vpn" }, edgec: { name: "edgec" } });
  assert.equal(wiki.volumes, { pgdata: {} });
  const vpn = all;
  assert.equal(vpn.services.wg.ports, [{ protocol: "udp", published: 51820, target: 51820 }, { published: 51820, target: 51820 }]);
  assert.is(vpn.services["wg-dns"].network_mode, "service:wg");
  assert.equal(all.services.proxyc.ports, [{ published: 81, target: 80 }, "::1:8081:8080/tcp"]);
  assert.equal(vpn.services.wg.cap_add, ["NET_ADMIN", "SYS_MODULE"]);
});

test("compose: a $ in a volume path, user, env file, device or DNS server stays literal, as under oci-containers", () => {
  const container = {
    image: "nginx:1.27.3",
    user: "${UID}",
    volumes: ["/srv/$site/www:/usr/share/nginx/html:ro"],
    environmentFiles: [secret.file("/run/keys/$web.env")],
    devices: ["/dev/$tun:/dev/net/tun"],
    dns: ["$DNS"],
  };
  const model = resolveInfra({ hosts: { h: { stateVersion: "26.05", stacks: { web: { backend: "compose", containers: { web: container } } } } } });
  const yaml = emitAll(model).find((f) => f.path.endsWith("docker-compose.yml"))!;
  const web = parse(yaml.content).services.web;
  assert.equal([web.user, web.volumes], ["$${UID}", ["/srv/$$site/www:/usr/share/nginx/html:ro"]]);
  assert.equal([web.env_file, web.devices, web.dns], [["/run/keys/$$web.env"], ["/dev/$$tun:/dev/net/tun"], ["$$DNS"]]);
});

test.run();
