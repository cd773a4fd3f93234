// Type-level test, checked by `tsc` (pnpm typecheck, and dsl/test/types.test.ts): every line
// under `@ts-expect-error` must fail to compile and every other line must compile, so a check
// that stops working turns an expect-error into an unused one, which is itself an error.
import { defineInfra, secret } from "../../src/index.ts";

/** Every reference names something declared: it type-checks, and resolves (define.test.ts). */
export const good = defineInfra({
  inputs: { myapp: "github:example/myapp" },
  hosts: {
    prod: {
      stateVersion: "25.11",
      postgres: { databases: ["myapp", "reports"] },
      apps: {
        myapp: { port: 8001, package: { input: "myapp" }, start: "bun x", database: "myapp" },
        local: { port: 8002, package: { path: "./local" }, start: "bun x", database: "reports" },
      },
      caddy: { email: "ops@example.com", sites: { "a.example.com": { app: "myapp" }, "b.example.com": { root: "/srv/b" } } },
      stacks: {
        edge: {
          containers: {
            pangolin: { image: "fosrl/pangolin:1.12.3", healthcheck: { test: ["CMD", "curl", "-f", "http://localhost:3001/api/v1/"] } },
            gerbil: { image: "fosrl/gerbil:1.2.0", dependsOn: { pangolin: "healthy" } },
            traefik: { image: "traefik:v3.6", networkMode: "service:gerbil", dependsOn: ["pangolin"] },
          },
        },
        core: { containers: { newt: { image: "fosrl/newt:1.0.0", networkMode: "host" } } },
      },
    },
    // Names are per host: "myapp" is an app of prod, not of edge.
    edge: { stateVersion: "25.11", apps: { api: { port: 9000, package: { input: "myapp" }, start: "bun x" } } },
  },
});

defineInfra({
  hosts: {
    prod: {
      stateVersion: "25.11",
      postgres: { databases: ["myapp"] },
      apps: {
        // @ts-expect-error database "mydb" is not in postgres.databases
        myapp: { port: 8001, package: { path: "./a" }, start: "bun x", database: "mydb" },
      },
      // @ts-expect-error site → app: "myap" is not an app of this host
      caddy: { email: "ops@example.com", sites: { "a.example.com": { app: "myap" } } },
    },
    edge: {
      stateVersion: "25.11",
      // @ts-expect-error an app of another host does not count
      caddy: { email: "ops@example.com", sites: { "b.example.com": { app: "myapp" } } },
    },
    db: {
      stateVersion: "25.11",
      // @ts-expect-error no postgres on this host, so no database to name
      apps: { web: { port: 8001, package: { path: "./a" }, start: "bun x", database: "web" } },
    },
  },
});

defineInfra({
  inputs: { myapp: "github:example/myapp" },
  hosts: {
    prod: {
      stateVersion: "25.11",
      // @ts-expect-error package input "myap" is not a key of inputs
      apps: { myapp: { port: 8001, package: { input: "myap" }, start: "bun x" } },
    },
  },
});

defineInfra({
  hosts: {
    prod: {
      stateVersion: "25.11",
      // @ts-expect-error no inputs at all
      apps: { myapp: { port: 8001, package: { input: "myapp" }, start: "bun x" } },
    },
  },
});

defineInfra({
  hosts: {
    prod: {
      stateVersion: "25.11",
      stacks: {
        edge: {
          containers: {
            gerbil: { image: "fosrl/gerbil:1.2.0" },
            // @ts-expect-error dependsOn names a container that does not exist
            traefik: { image: "traefik:v3.6", dependsOn: ["gerbill"] },
            // @ts-expect-error dependsOn as a map, unknown key
            badger: { image: "traefik:v3.6", dependsOn: { pangolin: "healthy" } },
            // @ts-expect-error networkMode service:<name> must name a container of this stack
            newt: { image: "fosrl/newt:1.0.0", networkMode: "service:gerbi" },
          },
        },
        // @ts-expect-error a container of another stack on the same host does not count
        core: { containers: { web: { image: "nginx:1.27", dependsOn: ["gerbil"] } } },
      },
    },
    other: {
      stateVersion: "25.11",
      // @ts-expect-error containers of another host do not count
      stacks: { s: { containers: { web: { image: "nginx:1.27", dependsOn: ["gerbil"] } } } },
    },
  },
});

// Secrets are references; a plain string where one belongs is a type error.
defineInfra({
  hosts: {
    prod: {
      stateVersion: "25.11",
      apps: {
        a: { port: 8001, package: { path: "./a" }, start: "bun x", environmentFile: secret.file("/run/secrets/a.env") },
        s: { port: 8003, package: { path: "./s" }, start: "bun x", environmentFile: secret.sops("s-env", { sopsFile: "./secrets/prod.env", key: "" }) },
        // @ts-expect-error environmentFile is a secret reference, not a path string
        b: { port: 8002, package: { path: "./b" }, start: "bun x", environmentFile: "/run/secrets/b.env" },
      },
      stacks: {
        s: {
          containers: {
            ok: { image: "nginx:1.27", environmentFiles: [secret.file("/run/secrets/ok.env")] },
            // @ts-expect-error a sops format outside sops-nix's list
            fmt: { image: "nginx:1.27", environmentFiles: [secret.sops("f", { sopsFile: "./f", format: "toml" })] },
            // @ts-expect-error a container's environment file is a secret reference too
            bad: { image: "nginx:1.27", environmentFiles: ["/run/secrets/bad.env"] },
          },
        },
      },
    },
  },
});

// Literal types survive: the returned config still knows its names.
export const names: ["myapp", "myapp"] = [good.hosts.prod.caddy.sites["a.example.com"].app, good.hosts.prod.apps.myapp.database];
