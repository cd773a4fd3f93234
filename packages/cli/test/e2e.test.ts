// The whole command against the real DSL and emitters: in-process through genNix() for the
// happy paths, and as a child process through bin.ts for exit codes and what the user sees.
// Configs live in temp dirs outside the repo: `import ... from "gen-nix"` resolves without
// node_modules.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { InfraConfigError } from "@gen-nix/dsl";
import { genNix } from "../src/gen-nix.ts";
import { runCli } from "../src/main.ts";
import { MANIFEST_NAME } from "../src/manifest.ts";
import { cliBundle, runCliProcess } from "./support/cli-process.ts";
import { readTree, removeTempDirs, tempDir, writeTree } from "./support/fs.ts";
import { inProcess } from "./support/in-process.ts";

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
const run = (argv: string[], cwd: string) => inProcess(genNix, argv, cwd);

/** The built CLI as a child process, as a user runs it. */
const runBin = runCliProcess;

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

test("warnings go to stderr located in the config, with the path and a code frame", () => {
  const dir = tempProject(project('{ databases: ["web"], authentication: "trust" }'));
  const { code, stderr } = run([], dir);
  assert.is(code, 0);
  assert.is(
    stderr,
    `infra.config.ts:10:55: warning: postgres authentication "trust": any local user can connect as any role, including the superuser
  → at hosts.prod.postgres.authentication
     8 |       stateVersion: "25.11",
     9 |       admins,
  > 10 |       postgres: { databases: ["web"], authentication: "trust" },
       |                                                       ^^^^^^^
    11 |       apps: { web: { port: 8001, package: { input: "web" }, start: "bun server.ts", database: "web" } },
    12 |       caddy: { email: "ops@example.com", sites: { "web.example.com": { app: "web" } } },
`,
  );
});

test("--json: warnings as JSON on stdout, the summary on stderr", () => {
  const dir = tempProject(project('{ databases: ["web"], authentication: "trust" }'));
  const { code, stdout, stderr } = run(["--json"], dir);
  assert.is(code, 0);
  assert.equal(JSON.parse(stdout), {
    errors: [],
    warnings: [
      {
        severity: "warning",
        code: "trust_auth",
        message: 'postgres authentication "trust": any local user can connect as any role, including the superuser',
        path: ["hosts", "prod", "postgres", "authentication"],
        file: "infra.config.ts",
        line: 10,
        column: 55,
        suggestion: null,
      },
    ],
  });
  assert.match(stderr, /^gen-nix: \d+ written, 0 unchanged, 0 removed\n$/);
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

/** A repository with the project in `repo/<name>`, its config importing `./hw.nix` beside it. */
function projectWithModule(name: string): { repo: string; dir: string } {
  const repo = tempDir();
  writeTree(repo, { ".git": "gitdir: /elsewhere\n" });
  const files = project();
  files["infra.config.ts"] = files["infra.config.ts"]!.replace('stateVersion: "25.11",', 'stateVersion: "25.11", modules: ["./hw.nix"],');
  const dir = join(repo, name);
  writeTree(dir, { ...files, "hw.nix": "{ }\n" });
  return { repo, dir };
}

test("--out outside the config's dir is refused when the config names files next to it", () => {
  const { repo, dir } = projectWithModule("infra");
  const out = join(repo, "flake");
  const result = runBin(["--config", join(dir, "infra.config.ts"), "--out", out], dir);
  assert.is(result.code, 2);
  assert.match(result.stderr, /must contain .*a flake cannot reach outside its own directory/);
  assert.not.ok(existsSync(out), "nothing written");
});

test("a config in a directory whose name starts with '..' is inside the flake root above it", () => {
  const { repo, dir } = projectWithModule("..infra");
  const result = runBin(["--config", join(dir, "infra.config.ts"), "--out", repo], dir);
  assert.is(result.code, 0, result.stderr);
  assert.match(readFileSync(join(repo, "hosts", "prod", "default.nix"), "utf8"), /\.\.\/\.\.\/\.\.infra\/hw\.nix/);
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
  assert.equal([help.code, help.stdout.split("\n")[0]], [0, "Usage: gen-nix [--config FILE] [--out DIR] [--check] [--json] [--wait SECONDS]"]);
  assert.match(run(["--version"], dir).stdout, /^gen-nix \d+\.\d+\.\d+\n$/);
});

test("bin: invalid config → exit 2, every issue located and printed, nothing written", () => {
  const dir = tempProject(project('{ databases: ["web"], version: 3, authentication: "md5" }'));
  const { code, stdout, stderr } = runBin([], dir);
  assert.equal([code, stdout], [2, ""]);
  const headers = stderr.split("\n").filter((line) => !line.startsWith(" "));
  assert.equal(headers, [
    "infra.config.ts:10:48: error: must be at least 13, got 3",
    "",
    'infra.config.ts:10:67: error: must be one of "peer", "trust"; got the string "md5"',
    "",
    "gen-nix: 2 errors in infra.config.ts; nothing written",
    "",
  ]);
  assert.match(stderr, /\n {2}→ at hosts\.prod\.postgres\.version\n/);
  assert.equal(Object.keys(readTree(dir)), SOURCES);
});

/** runCli in-process: genNix with the error reporting bin.ts uses. */
const runReported = (argv: string[], cwd: string, color = false) => inProcess(runCli, argv, cwd, color);

test("--json prints the errors on stdout and still exits 2", () => {
  const dir = tempProject(project('{ databases: ["web"], version: 3 }'));
  const { code, stdout, stderr } = runReported(["--json"], dir);
  assert.equal([code, stderr], [2, ""]);
  const { errors, warnings } = JSON.parse(stdout);
  assert.equal(warnings, []);
  assert.equal(errors, [
    {
      severity: "error",
      code: "too_small",
      message: "must be at least 13, got 3",
      path: ["hosts", "prod", "postgres", "version"],
      file: "infra.config.ts",
      line: 10,
      column: 48,
      suggestion: null,
    },
  ]);
});

test("colours when asked (bin.ts asks on a terminal, or with FORCE_COLOR), plain otherwise", () => {
  const dir = tempProject(project('{ databases: ["web"], version: 3 }'));
  const coloured = runReported([], dir, true).stderr;
  assert.match(coloured, /\u001b\[1m\u001b\[31merror\u001b\[39m\u001b\[22m/);
  assert.is(coloured.replace(/\u001b\[\d+m/g, ""), runReported([], dir).stderr);
  assert.not.match(runReported([], dir).stderr, /\u001b/);
});

test("bin: a syntax error → exit 2, file:line:col and a frame, no stack trace", () => {
  const dir = tempProject({ "infra.config.ts": 'import { defineInfra } from "gen-nix";\nexport default defineInfra({ hosts: { ] });\n' });
  const { code, stderr } = runBin([], dir);
  assert.is(code, 2);
  assert.is(
    stderr,
    `infra.config.ts:2:42: error: syntax error: Unexpected token, expected ","
    1 | import { defineInfra } from "gen-nix";
  > 2 | export default defineInfra({ hosts: { ] });
      |                                          ^
    3 |

gen-nix: 1 error in infra.config.ts; nothing written
`,
  );
});

test("bin: a config that throws → exit 2 with the message and its line, no stack trace", () => {
  const dir = tempProject({ "infra.config.ts": 'throw new Error("no secrets file");\n' });
  const { code, stderr } = runBin([], dir);
  assert.equal(
    [code, stderr],
    [2, "infra.config.ts:1: error: Error: no secrets file\n  > 1 | throw new Error(\"no secrets file\");\n    2 |\n\ngen-nix: 1 error in infra.config.ts; nothing written\n"],
  );
});

test("bin: a valid config never loads ts-morph (it is for locating problems only)", () => {
  const dir = tempProject();
  const { code, stderr } = runBin([], dir, { NODE_DEBUG: "module" });
  assert.is(code, 0);
  assert.match(stderr, /MODULE/, "NODE_DEBUG=module reports module loads");
  assert.not.match(stderr, /node_modules\/(ts-morph|typescript)\//);
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

test.before(async () => void (await cliBundle()));
test.after(removeTempDirs);
test.run();
