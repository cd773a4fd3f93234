// The whole command against the real DSL and emitters: in-process through genNix() for the
// happy paths, and as a child process through bin.ts for exit codes and what the user sees.
// Configs live in temp dirs outside the repo: `import ... from "gen-nix"` resolves without
// node_modules.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { InfraConfigError } from "@gen-nix/dsl";
import { genNix } from "../src/gen-nix.ts";
import { MANIFEST_NAME } from "../src/manifest.ts";
import { readTree, removeTempDirs, tempDir, writeTree } from "./support/fs.ts";

const BIN = fileURLToPath(new URL("../src/bin.ts", import.meta.url));
const TSX = import.meta.resolve("tsx");
const KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJpIy7oP71q2Z+PQNjY39mhYtMF0beLn7TrHr6ZmxQMo alice@laptop";

/** A valid config split over two files; `postgres` is spliced into host prod. */
function project(postgres = '{ databases: ["web"] }'): Record<string, string> {
  const config = `import { defineInfra } from "gen-nix";
import { admins } from "./admins.ts";

export default defineInfra({
  inputs: { web: "github:example/web" },
  hosts: {
    prod: {
      stateVersion: "25.11",
      admins,
      postgres: ${postgres},
      apps: { web: { port: 8001, package: { input: "web" }, start: "bun server.ts", database: "web" } },
      caddy: { email: "ops@example.com", sites: { "web.example.com": { app: "web" } } },
    },
  },
});
`;
  const admins = `export const admins: Record<string, { sshKeys: string[] }> = { alice: { sshKeys: ["${KEY}"] } };\n`;
  return { "infra.config.ts": config, "admins.ts": admins };
}

function tempProject(files = project()): string {
  const dir = tempDir();
  writeTree(dir, files);
  return dir;
}

/** genNix in-process; throws what it throws. */
function run(argv: string[], cwd: string) {
  let stdout = "";
  let stderr = "";
  const io = { cwd, stdout: (t: string) => void (stdout += t), stderr: (t: string) => void (stderr += t) };
  const code = genNix(argv, io);
  return { code, stdout, stderr };
}

/** bin.ts as a child process, as a user runs it. */
function runBin(argv: string[], cwd: string) {
  const child = spawnSync(process.execPath, ["--import", TSX, BIN, ...argv], { cwd, encoding: "utf8" });
  return { code: child.status, stdout: child.stdout, stderr: child.stderr };
}

const SOURCES = ["admins.ts", "infra.config.ts"];

test("writes the flake next to infra.config.ts in cwd; a rerun changes nothing", () => {
  const dir = tempProject();
  const first = run([], dir);
  const written = Number(/^gen-nix: (\d+) written, 0 unchanged, 0 removed\n$/.exec(first.stdout)?.[1]);
  assert.ok(written >= 2, first.stdout);
  assert.is(first.stderr, "");
  const tree = readTree(dir);
  assert.ok("flake.nix" in tree);
  assert.is(Object.keys(tree).length, written + 1 + SOURCES.length, "generated + manifest + sources");
  assert.is(run([], dir).stdout, `gen-nix: 0 written, ${written} unchanged, 0 removed\n`);
});

test("--check: 0 when up to date, 1 and a diff after a hand edit; writes nothing", () => {
  const dir = tempProject();
  run([], dir);
  assert.equal(run(["--check"], dir), { code: 0, stdout: "", stderr: "gen-nix: up to date\n" });
  writeTree(dir, { "flake.nix": "# edited\n" });
  const drift = run(["--check"], dir);
  assert.is(drift.code, 1);
  assert.match(drift.stdout, /^--- a\/flake\.nix\n\+\+\+ b\/flake\.nix\n@@ /);
  assert.match(drift.stdout, /\n-# edited\n/);
  assert.is(
    drift.stderr,
    "gen-nix: out of date (1 to write, 1 of them edited by hand since gen-nix wrote them, 0 to remove); run gen-nix to update\n",
  );
  assert.is(readTree(dir)["flake.nix"], "# edited\n");
});

test("warnings go to stderr as `⚠ message` + `→ at path`", () => {
  const dir = tempProject(project('{ databases: ["web"], authentication: "trust" }'));
  const { code, stderr } = run([], dir);
  assert.is(code, 0);
  assert.match(stderr, /^⚠ postgres authentication "trust"[^\n]*\n {2}→ at hosts\.prod\.postgres\.authentication\n$/);
});

test("--config elsewhere: out defaults to its dir; --out can be elsewhere in the repository", () => {
  const cwd = tempDir();
  const repo = tempDir();
  writeTree(repo, { ".git/HEAD": "ref: refs/heads/main\n" });
  const dir = join(repo, "infra");
  writeTree(dir, project());
  run(["--config", join(dir, "infra.config.ts")], cwd);
  assert.ok(MANIFEST_NAME in readTree(dir));
  assert.equal(readTree(cwd), {});
  const out = join(repo, "deploy", "flake");
  assert.is(run(["--config", join(dir, "infra.config.ts"), "--out", out], cwd).code, 0);
  // No config-relative paths in this config, so the same flake either way.
  const generated = readTree(dir);
  for (const source of SOURCES) delete generated[source];
  assert.equal(readTree(out), generated);
});

test("--out outside the config's dir is refused when the config names files next to it", () => {
  const repo = tempDir();
  writeTree(repo, { ".git": "gitdir: /elsewhere\n" });
  const files = project();
  files["infra.config.ts"] = files["infra.config.ts"]!.replace('stateVersion: "25.11",', 'stateVersion: "25.11", modules: ["./hw.nix"],');
  const dir = join(repo, "infra");
  writeTree(dir, files);
  const out = join(repo, "flake");
  const result = runBin(["--config", join(dir, "infra.config.ts"), "--out", out], dir);
  assert.is(result.code, 2);
  assert.match(result.stderr, /must contain .*a flake cannot reach outside its own directory/);
  assert.not.ok(existsSync(out), "nothing written");
});

test("bin: --out outside the config's repository → exit 2 before the config is even read", () => {
  const dir = tempProject({ "infra.config.ts": 'throw new Error("must not be loaded");\n' });
  const out = join(tempDir(), "flake");
  const { code, stdout, stderr } = runBin(["--out", out], dir);
  assert.equal([code, stdout], [2, ""]);
  assert.match(stderr, /^gen-nix: refusing to write the flake to [^\n]+: it is outside the config's directory \([^\n]+; there is no \.git above it\); pass --out with a directory inside it\nRun 'gen-nix --help' for usage\.\n$/);
  assert.not.ok(existsSync(out), "nothing written");
});

test("an invalid config throws one InfraConfigError with every issue; nothing is written", () => {
  const dir = tempProject(project('{ databases: ["web"], version: 3, authentication: "md5" }'));
  assert.throws(() => run([], dir), (error: unknown) => error instanceof InfraConfigError && error.issues.length === 2);
  assert.equal(Object.keys(readTree(dir)), SOURCES);
});

test("--help and --version print and exit 0", () => {
  const dir = tempDir();
  const help = run(["--help"], dir);
  assert.equal([help.code, help.stdout.split("\n")[0]], [0, "Usage: gen-nix [--config FILE] [--out DIR] [--check]"]);
  assert.match(run(["--version"], dir).stdout, /^gen-nix \d+\.\d+\.\d+\n$/);
});

test("bin: invalid config → exit 2, every issue printed, nothing written", () => {
  const dir = tempProject(project('{ databases: ["web"], version: 3, authentication: "md5" }'));
  const { code, stdout, stderr } = runBin([], dir);
  assert.equal([code, stdout], [2, ""]);
  assert.match(stderr, /^gen-nix: invalid config:\n✖ [^\n]+\n {2}→ at hosts\.prod\.postgres\.version\n✖ [^\n]+\n {2}→ at hosts\.prod\.postgres\.authentication\n$/);
  assert.equal(Object.keys(readTree(dir)), SOURCES);
});

test("bin: a syntax error → exit 2, file:line:col, no stack trace", () => {
  const dir = tempProject({ "infra.config.ts": 'import { defineInfra } from "gen-nix";\nexport default defineInfra({ hosts: { ] });\n' });
  const { code, stderr } = runBin([], dir);
  assert.is(code, 2);
  assert.match(stderr, /^gen-nix: infra\.config\.ts:2:\d+: syntax error: [^\n]+\n$/);
});

test("bin: a config that throws → exit 2 with the message, no stack trace", () => {
  const dir = tempProject({ "infra.config.ts": 'throw new Error("no secrets file");\n' });
  const { code, stderr } = runBin([], dir);
  assert.equal([code, stderr], [2, "gen-nix: infra.config.ts:1: Error: no secrets file\n"]);
});

test("bin: usage errors and foreign files in the way → exit 2", () => {
  const dir = tempProject();
  const usage = runBin(["--bogus"], dir);
  assert.equal([usage.code, usage.stderr], [2, "gen-nix: Unknown option '--bogus'\nRun 'gen-nix --help' for usage.\n"]);
  writeTree(dir, { "flake.nix": "hand-written\n" });
  const collision = runBin([], dir);
  assert.is(collision.code, 2);
  assert.match(collision.stderr, /^gen-nix: refusing to overwrite files gen-nix did not generate[^]*\n {2}flake\.nix\n/);
  assert.is(readTree(dir)["flake.nix"], "hand-written\n");
});

test.after(removeTempDirs);
test.run();
