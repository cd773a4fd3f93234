// Type-level test, checked by `tsc` (pnpm typecheck, and dsl/test/types.test.ts): every line
// under `@ts-expect-error` must fail to compile and every other line must compile, so a check
// that stops working turns an expect-error into an unused one, which is itself an error.
import { defineInfra } from "../../src/index.ts";

const good = defineInfra({
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
            gerbil: { image: "fosrl/gerbil:1.2.0", dependsOn: { pangolin: "healthy" } },
            traefik: { image: "traefik:v3.6", networkMode: "service:gerbil", dependsOn: ["pangolin"] },
          },
        },
        core: { containers: { pangolin: { image: "fosrl/pangolin:1.12.3", networkMode: "host" } } },
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
            // @ts-expect-error networkMode service:<name> must name a container of this host
            newt: { image: "fosrl/newt:1.0.0", networkMode: "service:gerbi" },
          },
        },
      },
    },
    other: {
      stateVersion: "25.11",
      // @ts-expect-error containers of another host do not count
      stacks: { s: { containers: { web: { image: "nginx:1.27", dependsOn: ["gerbil"] } } } },
    },
  },
});

// Literal types survive: the returned config still knows its names.
export const names: ["myapp", "myapp"] = [good.hosts.prod.caddy.sites["a.example.com"].app, good.hosts.prod.apps.myapp.database];
