// The `gen-nix import` command line: exit codes, --name, --directory, --out-file, stderr report,
// and the compose conventions the mappers rely on (interpolation, shell words).
import { test } from "uvu";
import * as assert from "uvu/assert";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { CliError, UsageError } from "../src/errors.ts";
import { runCommand } from "../src/commands.ts";
import { runImport } from "../src/import/command.ts";
import { interpolatedVariables, shellWords } from "../src/import/values.ts";
import { cliBundle, runCliProcess } from "./support/cli-process.ts";
import { removeTempDirs, tempDir, writeTree } from "./support/fs.ts";
import { inProcess } from "./support/in-process.ts";


async function run(argv: string[], files: Record<string, string>) {
  const dir = tempDir();
  writeTree(dir, files);
  return { ...(await inProcess(runImport, argv, dir)), dir };
}

const SMALL = `services:\n  app:\n    image: nginx:1.27\n    ports: ["8080:80"]\n    env_file: app.env\n`;

test("everything mapped: exit 0, the snippet on stdout, named after the directory", async () => {
  const { code, stdout, stderr } = await run(["docker-compose.yml"], { "docker-compose.yml": SMALL });
  assert.is(code, 0);
  assert.match(stdout, /^stacks: \{\n {2}"gen-nix-cli-\w+": \{\n/m);
  assert.match(stdout, /environmentFiles: \[secret\.file\("\/var\/lib\/gen-nix-cli-\w+\/app\.env"\)\]/);
  assert.match(stderr, /everything mapped\n$/);
});

test("--name, --directory and --out-file; something unmapped: exit 1, listed on stderr with line:column", async () => {
  const compose = `${SMALL}    tmpfs: [/run]\n`;
  const { code, stdout, stderr, dir } = await run(
    ["compose.yaml", "--name", "web", "--directory", "/srv/web", "--out-file", "web.ts"],
    { "compose.yaml": compose },
  );
  assert.is(code, 1);
  assert.is(stdout, "");
  const written = readFileSync(join(dir, "web.ts"), "utf8");
  assert.match(written, /^ {2}web: \{\n {4}directory: "\/srv\/web",/m);
  assert.match(written, /secret\.file\("\/srv\/web\/app\.env"\)/);
  assert.match(written, /\/\/ {3}compose\.yaml:6:5 services\.app\.tmpfs: /);
  assert.match(stderr, /compose\.yaml:6:5: not mapped: services\.app\.tmpfs: "tmpfs" is not supported/);
  assert.match(stderr, /1 item\(s\) not mapped/);
});

test("container:x of another file, sctp, an unknown top-level key: reported, not guessed", async () => {
  const compose = `services:\n  a:\n    image: nginx:1.27\n    network_mode: container:elsewhere\n    ports: ["9:9/sctp"]\nsecrets:\n  s:\n    file: ./s\n`;
  const { code, stderr } = await run(["docker-compose.yml", "--name", "x"], { "docker-compose.yml": compose });
  assert.is(code, 1);
  assert.match(stderr, /:4:5: not mapped: services\.a\.network_mode: /);
  assert.match(stderr, /:5:\d+: not mapped: services\.a\.ports\[0\]: protocol "sctp"/);
  assert.match(stderr, /:6:1: not mapped: secrets: /);
});

test("user errors: usage, invalid YAML with its position, not a compose file", async () => {
  await run([], {}).then(() => assert.unreachable(), (e) => assert.instance(e, UsageError));
  await run(["c.yml", "--name", "Bad Name"], { "c.yml": SMALL }).then(() => assert.unreachable(), (e) => assert.instance(e, UsageError));
  await run(["c.yml"], { "c.yml": "services:\n  a: [\n" }).then(
    () => assert.unreachable(),
    (e: unknown) => assert.ok(e instanceof CliError && /c\.yml:\d+:\d+: invalid YAML/.test(e.message), String(e)),
  );
  await run(["c.yml"], { "c.yml": "version: '3'\n" }).then(
    () => assert.unreachable(),
    (e: unknown) => assert.ok(e instanceof CliError && /not a compose file/.test(e.message)),
  );
});

test("reported usage errors point at import's own help, without Node's `--` hint, never as JSON", async () => {
  const dir = tempDir();
  const cases: [string[], string][] = [
    [["import"], "gen-nix import takes one compose file, got 0"],
    [["import", "c.yml", "--bogus"], "Unknown option '--bogus'"],
    [["import", "--json", "c.yml"], "Unknown option '--json'"],
  ];
  for (const [argv, message] of cases) {
    const reported = await inProcess(runCommand, argv, dir);
    assert.equal(reported, { code: 2, stdout: "", stderr: `gen-nix: ${message}\nRun 'gen-nix import --help' for usage.\n` }, argv.join(" "));
  }
  const unknown = await inProcess(runCommand, ["imprt", "c.yml"], dir);
  assert.equal(unknown, { code: 2, stdout: "", stderr: `gen-nix: unknown command "imprt"; commands: generate, audit, import\nRun 'gen-nix --help' for usage.\n` });
});

test("as a process: exit 2 for a missing file; the flake command is unchanged", () => {
  const dir = tempDir();
  const child = runCliProcess(["import", "missing.yml"], dir);
  assert.is(child.code, 2);
  assert.match(child.stderr, /^gen-nix: missing\.yml: compose file not found\n$/);
  const help = runCliProcess(["--help"], dir);
  assert.is(help.code, 0);
  assert.match(help.stdout, /gen-nix import FILE/);
});

test("interpolation: $VAR, ${VAR}, ${VAR:-default}; $$ is a literal dollar", () => {
  assert.equal(interpolatedVariables("a $A ${B} ${C:-x} $$D $${E}"), ["A", "B", "C"]);
  assert.equal(interpolatedVariables("price $$0.00"), []);
});

test("shell words: quotes and backslashes as compose splits a string command", () => {
  assert.equal(shellWords(`npm run "a b" 'c "d"' e\\ f`), ["npm", "run", "a b", 'c "d"', "e f"]);
  assert.equal(shellWords(`  x   "" y `), ["x", "", "y"]);
});

test.before(async () => void (await cliBundle()));
test.after(removeTempDirs);
test.run();
