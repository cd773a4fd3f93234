// Valid configs resolve to the exact Model the emitters consume.
import { test } from "uvu";
import * as assert from "uvu/assert";
import fixture from "../../../fixtures/hetzner-prod/infra.config.ts";
import { defineInfra, resolveInfra, type Model } from "../src/index.ts";
import { KEY } from "./helpers.ts";

const full = defineInfra({
  nixpkgs: "nixos-unstable",
  inputs: {
    web: "github:example/web",
    api: { url: "git+https://git.example.com/api", followsNixpkgs: false },
  },
  hosts: {
    prod: {
      system: "aarch64-linux",
      stateVersion: "25.11",
      timeZone: "Europe/Berlin",
      admins: { bob: { sshKeys: [KEY] }, alice: { sshKeys: [KEY, "ssh-rsa AAAAB3Nza== alice@phone"] } },
      ssh: { port: 2222, permitRootLogin: "no" },
      modules: ["./hardware-configuration.nix", "modules/./disk/../net.nix"],
      postgres: { version: 16, databases: ["web", "api"] },
      apps: {
        web: {
          port: 8001,
          package: { input: "web", attr: "server" },
          start: "{pkgs.nodejs_22}/bin/node {package}/server.js --listen $PORT",
          migrate: "bun migrate.ts",
          environment: { NODE_ENV: "production", A_FIRST: "x" },
          environmentFile: { secretFile: "/run/secrets/web.env" },
          database: "web",
          restartSec: 10,
          readWritePaths: ["/var/lib/web"],
        },
        api: { port: 8002, package: { path: "./apps/api/" }, start: "/run/wrappers/bin/ping -c1 ::1", database: "api" },
      },
      caddy: {
        email: "ops@example.com",
        sites: {
          "web.example.com": { app: "web", extraConfig: "header X-Host {host}\nroot * {package}/public {pkgs.hello}" },
          "*.static.example.org": { root: "/var/www/static" },
        },
      },
    },
  },
});

const expected: Model = {
  nixpkgsBranch: "nixos-unstable",
  inputs: [
    { name: "api", url: "git+https://git.example.com/api", followsNixpkgs: false },
    { name: "web", url: "github:example/web", followsNixpkgs: true },
  ],
  hosts: [
    {
      name: "prod",
      system: "aarch64-linux",
      stateVersion: "25.11",
      timeZone: "Europe/Berlin",
      admins: [
        { name: "bob", sshKeys: [KEY] },
        { name: "alice", sshKeys: [KEY, "ssh-rsa AAAAB3Nza== alice@phone"] },
      ],
      ssh: { port: 2222, permitRootLogin: "no" },
      extraModules: ["hardware-configuration.nix", "modules/net.nix"],
      postgres: { version: 16, databases: ["web", "api"], authentication: "peer" },
      apps: [
        {
          name: "web",
          port: 8001,
          package: { kind: "input", input: "web", attr: "server" },
          start: [[{ pkgs: "nodejs_22" }, "/bin/node"], [{ package: true }, "/server.js"], ["--listen"], ["$PORT"]],
          migrate: [[{ pkgs: "bun" }, "/bin/bun"], ["migrate.ts"]],
          environment: [["NODE_ENV", "production"], ["A_FIRST", "x"]],
          environmentFile: { kind: "file", path: "/run/secrets/web.env" },
          database: "web",
          databaseUrl: "postgresql:///web?host=/run/postgresql",
          restartSec: 10,
          readWritePaths: ["/var/lib/web"],
          hardening: true,
        },
        {
          name: "api",
          port: 8002,
          package: { kind: "path", path: "apps/api" },
          start: [["/run/wrappers/bin/ping"], ["-c1"], ["::1"]],
          environment: [],
          database: "api",
          databaseUrl: "postgresql:///api?host=/run/postgresql",
          restartSec: 5,
          readWritePaths: [],
          hardening: true,
        },
      ],
      caddy: {
        email: "ops@example.com",
        sites: [
          {
            domain: "web.example.com",
            target: { kind: "app", app: "web", port: 8001 },
            extraConfig: ["header X-Host {host}\nroot * ", { package: true }, "/public ", { pkgs: "hello" }],
          },
          { domain: "*.static.example.org", target: { kind: "root", dir: "/var/www/static" } },
        ],
      },
      stacks: [],
      state: [],
    },
  ],
  warnings: [],
  optOuts: [],
};

test("a full config resolves to the exact Model", () => {
  assert.equal(resolveInfra(full), expected);
});

test("defaults: nixpkgs, system, ssh, postgres, app settings, package attr, input follows", () => {
  const model = resolveInfra({
    inputs: { web: "github:example/web" },
    hosts: {
      edge: {
        stateVersion: "25.05",
        postgres: {},
        apps: { web: { port: 3000, package: { input: "web" }, start: "bun run start" } },
      },
    },
  });
  const host = model.hosts[0];
  assert.is(model.nixpkgsBranch, "nixos-26.05");
  assert.equal(model.inputs, [{ name: "web", url: "github:example/web", followsNixpkgs: true }]);
  assert.equal(host, {
    name: "edge",
    system: "x86_64-linux",
    stateVersion: "25.05",
    admins: [],
    ssh: { port: 22, permitRootLogin: "prohibit-password" },
    extraModules: [],
    postgres: { version: 17, databases: [], authentication: "peer" },
    apps: [
      {
        name: "web",
        port: 3000,
        package: { kind: "input", input: "web", attr: "default" },
        start: [[{ pkgs: "bun" }, "/bin/bun"], ["run"], ["start"]],
        environment: [],
        restartSec: 5,
        readWritePaths: [],
        hardening: true,
      },
    ],
    stacks: [],
    state: [],
  });
});

test("caddy without sites is left out (so it opens no ports)", () => {
  const model = resolveInfra({ hosts: { edge: { stateVersion: "25.11", caddy: {} } } });
  assert.is(model.hosts[0]?.caddy, undefined);
});

test("stateVersion has no default", () => {
  assert.throws(() => resolveInfra({ hosts: { edge: {} } }), /missing required field "stateVersion": add stateVersion: <a string>/);
});

test("the hetzner-prod fixture reproduces the guide's host", () => {
  const [prod] = resolveInfra(fixture).hosts;
  assert.equal(
    prod?.apps.map((a) => [a.name, a.port, a.database, a.environmentFile]),
    [["myapp", 8001, "myapp", { kind: "file", path: "/run/secrets/myapp.env" }], ["otherapp", 8002, "otherapp", undefined]],
  );
  assert.equal(prod?.caddy?.sites[1]?.extraConfig, [
    "handle /assets/* {\n  root * ",
    { package: true },
    "/dist\n  file_server\n}\n",
  ]);
});

test("resolving twice shares nothing, not even defaulted lists", () => {
  const config = { hosts: { edge: { stateVersion: "25.11", postgres: {}, apps: { w: { port: 3000, package: { path: "." }, start: "bun x" } } } } };
  const first = resolveInfra(config).hosts[0];
  first?.apps[0]?.readWritePaths.push("/tmp");
  first?.postgres?.databases.push("x");
  const second = resolveInfra(config).hosts[0];
  assert.equal(second?.apps[0]?.readWritePaths, []);
  assert.equal(second?.postgres?.databases, []);
});

test.run();
