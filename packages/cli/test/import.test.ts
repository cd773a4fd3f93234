// gen-nix import against three compose files (Pangolin as its installer writes it, a web app with
// PostgreSQL and Redis, a media stack behind a VPN). Each snippet is compared with its golden
// file, then pasted into a whole config and resolved by the DSL: the ContainerModels must say
// what the compose file says. Those configs are kept beside the compose files, where
// `pnpm typecheck` checks them against the DSL's types.
// UPDATE_GOLDEN=1 rewrites fixtures/import/<case>/snippet.ts.golden and infra.config.ts.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import * as dsl from "@gen-nix/dsl";
import type { ContainerModel, StackModel } from "@gen-nix/dsl";
import { importCompose, type ImportResult } from "../src/import/import-compose.ts";
import { removeTempDirs, tempDir } from "./support/fs.ts";
import { formatComposePath } from "../src/import/report.ts";
import { loadConfig } from "../src/load-config.ts";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const CASES = ["pangolin", "webapp", "media"] as const;
type Case = (typeof CASES)[number];
const update = process.env.UPDATE_GOLDEN === "1";

const results = new Map<Case, ImportResult>();
async function imported(name: Case): Promise<ImportResult> {
  const cached = results.get(name);
  if (cached) return cached;
  const result = await importCompose({ file: join(ROOT, "fixtures/import", name, "docker-compose.yml") });
  results.set(name, result);
  return result;
}

/** The snippet pasted into a host, as a user would. */
const configSource = (code: string): string =>
  `import { defineInfra, secret } from "gen-nix";\n\nexport default defineInfra({\n  hosts: {\n    h: {\n      stateVersion: "26.05",\n${code}    },\n  },\n});\n`;

function resolvedStack(file: string): StackModel {
  const config = loadConfig(file, { modules: { "gen-nix": dsl } });
  const [stack, ...more] = dsl.resolveInfra(config).hosts[0]?.stacks ?? [];
  assert.is(more.length, 0);
  assert.ok(stack, "one stack");
  return stack as StackModel;
}

/** A container as the model holds it, with the defaults of a compose service that sets nothing. */
function container(name: string, over: Partial<ContainerModel>): ContainerModel {
  return {
    name, image: "", environment: [], environmentFiles: [], ports: [], volumes: [], dependsOn: [], restart: "no",
    capAdd: [], capDrop: [], devices: [], networks: [], dns: [], labels: [], privileged: false, ...over,
  };
}

const tcp = (host: number, container = host, bind?: string) => ({ host, container, protocol: "tcp" as const, ...(bind && { bind }) });
const udp = (host: number) => ({ host, container: host, protocol: "udp" as const });
const bind = (source: string, target: string, readOnly = false) => ({ kind: "bind" as const, source, target, readOnly });
const volume = (source: string, target: string) => ({ kind: "volume" as const, source, target, readOnly: false });
const healthy = (name: string) => ({ name, condition: "healthy" as const });

/** What each compose file says, in the model's terms: ./ paths under /var/lib/<project>. */
const EXPECTED: Record<Case, { networks: StackModel["networks"]; containers: ContainerModel[] }> = {
  pangolin: {
    networks: [{ name: "pangolin", ipv6: true, internal: false }],
    containers: [
      container("pangolin", {
        image: "docker.io/fosrl/pangolin:latest",
        volumes: [bind("/var/lib/pangolin/config", "/app/config")],
        healthcheck: { test: ["CMD", "curl", "-f", "http://localhost:3001/api/v1/"], interval: "10s", timeout: "10s", retries: 15 },
        restart: "unless-stopped",
        networks: ["pangolin"],
      }),
      container("gerbil", {
        image: "docker.io/fosrl/gerbil:latest",
        command: ["--reachableAt=http://gerbil:3004", "--generateAndSaveKeyTo=/var/config/key", "--remoteConfig=http://pangolin:3001/api/v1/"],
        ports: [udp(51820), udp(21820), tcp(443), tcp(80)],
        volumes: [bind("/var/lib/pangolin/config", "/var/config")],
        dependsOn: [healthy("pangolin")],
        restart: "unless-stopped",
        capAdd: ["NET_ADMIN", "SYS_MODULE"],
        devices: ["/dev/net/tun:/dev/net/tun"],
        networks: ["pangolin"],
        dns: ["8.8.8.8"],
      }),
      container("traefik", {
        image: "docker.io/traefik:v3.6",
        command: ["--configFile=/etc/traefik/traefik_config.yml"],
        volumes: [
          bind("/var/lib/pangolin/config/traefik", "/etc/traefik", true),
          bind("/var/lib/pangolin/config/letsencrypt", "/letsencrypt"),
          bind("/var/lib/pangolin/config/traefik/logs", "/var/log/traefik"),
        ],
        dependsOn: [healthy("pangolin")],
        restart: "unless-stopped",
        networkMode: { kind: "service", name: "gerbil" },
      }),
    ],
  },
  webapp: {
    networks: [{ name: "webapp", ipv6: false, internal: false }],
    containers: [
      container("web", {
        image: "ghcr.io/example/shop-web:2.4.1",
        environment: [["NODE_ENV", "production"], ["PRICE_FORMAT", "$0.00"]],
        environmentFiles: [{ kind: "file", path: "/var/lib/webapp/web.env" }],
        ports: [tcp(8080, 3000, "127.0.0.1"), tcp(9100), tcp(9101), tcp(9102)],
        volumes: [bind("/var/lib/webapp/uploads", "/app/uploads"), volume("web-cache", "/app/.cache"), bind("/etc/ssl/certs", "/etc/ssl/certs", true)],
        dependsOn: [healthy("db"), { name: "cache", condition: "started" }, { name: "migrate", condition: "completed" }],
        healthcheck: { test: ["CMD-SHELL", "wget -qO- http://localhost:3000/health || exit 1"], interval: "30s", timeout: "5s", startPeriod: "20s", retries: 3 },
        restart: "always",
        networks: ["webapp"],
        labels: [["com.example.team", "shop"]],
        user: "1000:1000",
      }),
      container("migrate", {
        image: "ghcr.io/example/shop-web:2.4.1",
        command: ["npm", "run", "migrate", "--", "--to", "latest schema"],
        environmentFiles: [{ kind: "file", path: "/var/lib/webapp/web.env" }],
        dependsOn: [{ name: "db", condition: "started" }],
        networks: ["webapp"],
      }),
      container("db", {
        image: "postgres:17.2-alpine",
        environment: [["POSTGRES_USER", "shop"], ["POSTGRES_DB", "shop"]],
        volumes: [volume("pgdata", "/var/lib/postgresql/data"), bind("/var/lib/webapp/initdb", "/docker-entrypoint-initdb.d", true)],
        healthcheck: { test: ["CMD-SHELL", "pg_isready -U shop -d shop"], interval: "5s", retries: 10 },
        restart: "unless-stopped",
        networks: ["webapp"],
      }),
      container("cache", {
        image: "redis:7.4",
        command: ["redis-server", "--save", "60", "1", "--appendonly", "yes"],
        volumes: [volume("redisdata", "/data")],
        healthcheck: { test: ["CMD", "redis-cli", "ping"] },
        restart: "unless-stopped",
        networks: ["webapp"],
      }),
    ],
  },
  media: {
    networks: [{ name: "media", ipv6: false, internal: true }, { name: "proxy", ipv6: false, internal: false }],
    containers: [
      container("gluetun", {
        image: "qmcgaw/gluetun:v3.39.1",
        environment: [["VPN_SERVICE_PROVIDER", "mullvad"], ["VPN_TYPE", "wireguard"], ["SERVER_CITIES", "Amsterdam"]],
        ports: [tcp(8080), tcp(6881), udp(6881)],
        healthcheck: { test: ["CMD-SHELL", "wget -qO- https://ipinfo.io/ip"], interval: "1m", timeout: "10s", retries: 3 },
        restart: "unless-stopped",
        capAdd: ["NET_ADMIN"],
        devices: ["/dev/net/tun:/dev/net/tun"],
        networks: ["media"],
      }),
      container("qbittorrent", {
        image: "lscr.io/linuxserver/qbittorrent:4.6.7",
        environment: [["PUID", "1000"], ["PGID", "1000"], ["TZ", "Europe/Berlin"], ["WEBUI_PORT", "8080"]],
        volumes: [bind("/var/lib/media/qbittorrent", "/config"), bind("/srv/media/downloads", "/downloads")],
        dependsOn: [healthy("gluetun")],
        restart: "unless-stopped",
        networkMode: { kind: "service", name: "gluetun" },
      }),
      container("jellyfin", {
        image: "jellyfin/jellyfin",
        ports: [tcp(8096)],
        volumes: [volume("jellyfin-config", "/config"), bind("/srv/media/library", "/media", true)],
        restart: "on-failure",
        devices: ["/dev/dri/renderD128:/dev/dri/renderD128"],
        networks: ["media", "proxy"],
        labels: [["traefik.enable", "true"], ["traefik.http.routers.jellyfin.rule", "Host(`media.example.com`)"]],
        user: "1000:1000",
      }),
      container("exporter", {
        image: "registry.example.com/media-exporter",
        capDrop: ["ALL"],
        networkMode: { kind: "service", name: "gluetun" },
        dns: ["9.9.9.9"],
        privileged: true,
      }),
    ],
  },
};

/** Every key of each fixture that has no counterpart, by path: each must be reported. */
const UNMAPPED: Record<Case, string[]> = {
  pangolin: [],
  webapp: [
    "services.web.environment[1]", // DATABASE_URL=…${POSTGRES_PASSWORD}…
    "services.web.environment[2]", // LOG_LEVEL (from the shell)
    "services.web.volumes[1].volume",
    "services.db.environment.POSTGRES_PASSWORD",
    "services.db.shm_size",
    "volumes.web-cache.driver",
  ],
  media: [
    "services.vpn.logging",
    "services.vpn.environment.WIREGUARD_PRIVATE_KEY",
    "services.vpn.sysctls",
    "services.qbittorrent.logging",
    "services.jellyfin.group_add",
    "services.jellyfin.ports[1]",
    "services.jellyfin.volumes[1].bind",
    "services.jellyfin.tmpfs",
    "services.jellyfin.networks.media.aliases",
    "services.jellyfin.deploy",
    "services.jellyfin.healthcheck",
    "services.jellyfin.restart",
    "services.exporter.build",
    "services.exporter.ulimits",
    "services.exporter.profiles",
    "networks.proxy.external",
  ],
};

for (const name of CASES) {
  test(`${name}: the snippet matches its golden file`, async () => {
    const golden = join(ROOT, "fixtures/import", name, "snippet.ts.golden");
    const { code } = await imported(name);
    if (update) writeFileSync(golden, code);
    assert.ok(existsSync(golden), `missing ${golden}: run with UPDATE_GOLDEN=1`);
    assert.is(code, readFileSync(golden, "utf8"));
  });

  test(`${name}: every unmappable key is reported, at its line, in the snippet's comments too`, async () => {
    const { code, entries, unmapped } = await imported(name);
    const reported = entries.filter((e) => e.kind === "unmapped");
    assert.equal(reported.map((e) => formatComposePath(e.path)).sort(), [...UNMAPPED[name]].sort());
    assert.is(unmapped, UNMAPPED[name].length);
    for (const entry of reported) {
      assert.ok(entry.at, `${formatComposePath(entry.path)} has a position`);
      assert.ok(code.includes(`// docker-compose.yml:${entry.at?.line}:${entry.at?.column} ${formatComposePath(entry.path)}: `.replace("// ", "//   ")));
    }
  });

  test(`${name}: pasted into a config, the DSL resolves what the compose file says`, async () => {
    // Kept as fixtures/import/<case>/infra.config.ts, so `pnpm typecheck` checks the snippet
    // against the DSL's types too.
    const file = join(ROOT, "fixtures/import", name, "infra.config.ts");
    const source = configSource((await imported(name)).code.replace(/^/gm, "      ").replace(/^ +$/gm, ""));
    if (update) writeFileSync(file, source);
    assert.is(readFileSync(file, "utf8"), source, `${file} is stale: run with UPDATE_GOLDEN=1`);
    const stack = resolvedStack(file);
    const expected = EXPECTED[name];
    assert.is(stack.name, name);
    assert.is(stack.directory, `/var/lib/${name}`);
    assert.equal(stack.networks, expected.networks);
    assert.equal(stack.containers.map((c) => c.name), expected.containers.map((c) => c.name));
    for (const [i, want] of expected.containers.entries()) assert.equal(stack.containers[i], want, want.name);
  });
}


test("environment and labels that are neither a list nor a mapping are reported, not dropped", async () => {
  const file = join(tempDir(), "docker-compose.yml");
  writeFileSync(file, "services:\n  web:\n    image: nginx:1.27\n    environment: A=1\n    labels: team=shop\n");
  const { entries } = await importCompose({ file });
  const reported = entries.filter((e) => e.kind === "unmapped").map((e) => [formatComposePath(e.path), e.message]);
  assert.equal(reported, [
    ["services.web.environment", 'expected a list or a mapping, got string "A=1"'],
    ["services.web.labels", 'expected a list or a mapping, got string "team=shop"'],
  ]);
});

test.after(removeTempDirs);
test.run();
