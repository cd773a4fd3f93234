// `gen-nix audit` in-process: every opt-out appears with its path, why and undo; a clean config
// says so; the list is the same one the resolver warns with.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { resolveInfra } from "@gen-nix/dsl";
import { UsageError } from "../src/errors.ts";
import { genNix } from "../src/gen-nix.ts";
import { readTree, removeTempDirs, tempDir, writeTree } from "./support/fs.ts";
import { inProcess } from "./support/in-process.ts";

const KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJpIy7oP71q2Z+PQNjY39mhYtMF0beLn7TrHr6ZmxQMo alice@laptop";

function config(prod: string): string {
  return `import { defineInfra } from "gen-nix";
export default defineInfra({
  hosts: {
    prod: {
      stateVersion: "25.11",
      admins: { alice: { sshKeys: ["${KEY}"] } },
      ${prod}
    },
  },
});
`;
}

const CLEAN = `postgres: { databases: ["web"] },
      apps: { web: { port: 8001, package: { path: "./web" }, start: "bun x", database: "web" } },
      stacks: { s: { containers: { db: { image: "redis:7.4", ports: ["127.0.0.1:6379:6379"] } } } },`;

const OPTED_OUT = `postgres: { databases: ["web"], authentication: "trust" },
      apps: { web: { port: 8001, package: { path: "./web" }, start: "bun x", database: "web", hardening: false } },
      stacks: {
        edge: {
          containers: {
            gerbil: { image: "fosrl/gerbil:latest", allowLatest: true, privileged: true, ports: ["51820:51820/udp", "127.0.0.1:8080:80"] },
            newt: { image: "fosrl/newt:1.4.0", networkMode: "host" },
          },
        },
      },`;

function run(argv: string[], prod: string) {
  const dir = tempDir();
  writeTree(dir, { "infra.config.ts": config(prod), "web/.keep": "" });
  return { ...inProcess(genNix, argv, dir), files: Object.keys(readTree(dir)).sort() };
}

test("a clean config: 'no opt-outs', exit 0, nothing written", () => {
  const { code, stdout, stderr, files } = run(["audit"], CLEAN);
  assert.equal({ code, stdout, stderr }, { code: 0, stdout: "gen-nix audit: no opt-outs\n", stderr: "" });
  assert.equal(files, ["infra.config.ts", "web/.keep"]);
});

test("every opt-out appears with its path, why and undo; exit 1", () => {
  const { code, stdout, files } = run(["audit", "--config", "infra.config.ts"], OPTED_OUT);
  assert.is(code, 1);
  assert.equal(files, ["infra.config.ts", "web/.keep"]);
  const heads = stdout.split("\n").filter((line) => line.startsWith("⚠ "));
  assert.equal(heads, [
    "⚠ hosts.prod.postgres.authentication (trust_auth)",
    "⚠ hosts.prod.apps.web.hardening (hardening_off)",
    "⚠ hosts.prod.stacks.edge.containers.gerbil.privileged (privileged_container)",
    "⚠ hosts.prod.stacks.edge.containers.gerbil.allowLatest (floating_image)",
    "⚠ hosts.prod.stacks.edge.containers.gerbil.ports[0] (open_port)",
    "⚠ hosts.prod.stacks.edge.containers.newt.networkMode (host_network)",
  ]);
  assert.ok(stdout.startsWith("gen-nix audit: 6 opt-outs\n"), stdout);
  assert.match(stdout, /⚠ hosts\.prod\.postgres\.authentication \(trust_auth\)\n  why: .*any role.*\n  undo: remove authentication: "trust"/);
  assert.match(stdout, /port 51820\/udp of container "gerbil" is published on all addresses/);
  assert.is(stdout.match(/^  undo: /gm)?.length, 6);
});

test("a normal run warns about every audited opt-out except the audit-only ones (published ports)", () => {
  const audit = run(["audit"], OPTED_OUT).stdout;
  const generate = run([], OPTED_OUT);
  assert.is(generate.code, 0);
  const warned = generate.stderr.split("\n").filter((l) => l.startsWith("  → at ")).map((l) => l.slice("  → at ".length));
  const audited = audit.split("\n").filter((l) => l.startsWith("⚠ ") && !l.endsWith("(open_port)"));
  assert.equal(warned, audited.map((l) => l.slice(2).replace(/ \(.*\)$/, "")));
  assert.ok(audit.includes("(open_port)"));
});

test("--json: the same opt-outs as JSON on stdout, and the same exit codes", () => {
  const opted = run(["audit", "--json"], OPTED_OUT);
  assert.is(opted.code, 1);
  const { optOuts } = JSON.parse(opted.stdout) as { optOuts: { code: string; path: (string | number)[]; undo: string }[] };
  assert.equal(optOuts.map((o) => o.code), ["trust_auth", "hardening_off", "privileged_container", "floating_image", "open_port", "host_network"]);
  assert.equal(optOuts[0]?.path, ["hosts", "prod", "postgres", "authentication"]);
  assert.match(optOuts[0]?.undo ?? "", /remove authentication: "trust"/);
  const clean = run(["audit", "--json"], CLEAN);
  assert.equal([clean.code, JSON.parse(clean.stdout)], [0, { optOuts: [] }]);
});

test("the model carries both from one list", () => {
  const model = resolveInfra({ hosts: { h: { stateVersion: "25.11", postgres: { authentication: "trust" } } } });
  assert.equal(model.warnings, model.optOuts.map(({ path, code, message }) => ({ path, code, message })));
  assert.is(model.optOuts.length, 1);
});

test("an unknown command or a stray argument is a usage error", () => {
  assert.throws(() => run(["audti"], CLEAN), (e: unknown) => e instanceof UsageError && /unknown command "audti"; commands: generate, audit/.test(e.message));
  assert.throws(() => run(["audit", "extra"], CLEAN), (e: unknown) => e instanceof UsageError && /unexpected argument "extra"/.test(e.message));
});

test("audit writes nothing, so --out and --check are usage errors rather than ignored", () => {
  assert.throws(() => run(["audit", "--out", "flake"], CLEAN), (e: unknown) => e instanceof UsageError && /audit takes no --out/.test(e.message));
  assert.throws(() => run(["audit", "--check"], CLEAN), (e: unknown) => e instanceof UsageError && /audit takes no --check/.test(e.message));
  assert.throws(() => run(["audit", "--wait", "5"], CLEAN), (e: unknown) => e instanceof UsageError && /audit takes no --wait/.test(e.message));
});

test.after(removeTempDirs);
test.run();
