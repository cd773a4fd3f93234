// Command lines and Caddy text become TemplateParts.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { parseCommand, parseTemplate } from "../src/template.ts";

test("a bare first word is the nixpkgs package of that name", () => {
  assert.equal(parseCommand("  bun   server.ts "), { value: [[{ pkgs: "bun" }, "/bin/bun"], ["server.ts"]], problems: [] });
});

test("{package} and {pkgs.X} may appear anywhere in any word; adjacent text is merged", () => {
  const { value, problems } = parseCommand("{package}/bin/server --static={package}/dist --py={pkgs.python3Packages.gunicorn}");
  assert.equal(problems, []);
  assert.equal(value, [
    [{ package: true }, "/bin/server"],
    ["--static=", { package: true }, "/dist"],
    ["--py=", { pkgs: "python3Packages.gunicorn" }],
  ]);
});

test("literal $, %, quotes and backslashes are plain text", () => {
  assert.equal(parseCommand(`/bin/sh -c "echo $HOME%\\n"`).value, [["/bin/sh"], ["-c"], [`"echo`], [`$HOME%\\n"`]]);
});

test("commands reject unknown placeholders and programs that are not paths", () => {
  assert.equal(parseCommand("bun {}").problems.map((p) => p.code), ["invalid_placeholder"]);
  assert.equal(parseCommand("{pkgs.bun}").problems.map((p) => p.code), ["invalid_command"]);
  assert.equal(parseCommand("server.ts").problems.map((p) => p.code), ["invalid_command"]);
});

test("Caddy text keeps Caddy's own placeholders and blocks literal", () => {
  const text = "handle /assets/* {\n  root * {package}/dist\n  header X {http.request.uri}\n}\n";
  assert.equal(parseTemplate(text, true), {
    value: ["handle /assets/* {\n  root * ", { package: true }, "/dist\n  header X {http.request.uri}\n}\n"],
    problems: [],
  });
  assert.equal(parseTemplate("{host}").problems.map((p) => p.code), ["invalid_placeholder"]);
});

test.run();
