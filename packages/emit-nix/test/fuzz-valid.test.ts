// Random valid configs, whose free-text fields (environment values, site extraConfig, flake input
// URLs, a container's command arguments and label value) hold arbitrary unicode, `${`, `''`, quotes and backslashes, go through resolveInfra and
// emitAll. Every generated file must parse with the real Nix parser, and each free-text string
// must evaluate back to exactly what the config said. All runs share one `--parse` call and one
// `--eval` call, so the property costs two Nix processes.
import { test } from "uvu";
import * as assert from "uvu/assert";
import fc from "fast-check";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { resolveInfra } from "@gen-nix/dsl";
import { emitAll } from "@gen-nix/emit-nix";
import { callModule, nixEval, nixParse } from "./support/nix.ts";

const tricky = fc.constantFrom("${", "''", "'''", "''${", "\\", '\\"', '"', "$", "$${", "{", "}", "{host}", "\n", "\t", "\r\n", " ", "é", "🦀", "\u202e", "\u00a0", '"; }; evil = {', "${builtins.exec [ \"sh\" ]}");
/** Nix strings cannot hold NUL; lone surrogates are not text. */
const text = fc
  .array(fc.oneof(fc.string({ unit: "grapheme", maxLength: 5 }), tricky), { maxLength: 8 })
  .map((parts) => parts.join("").replace(/\0/g, ""));
/** extraConfig is a template: `{package}` and `{pkgs.…}` are gen-nix's own, everything else is literal. */
const caddyText = text.filter((s) => !/\{(package|pkgs\.[^{}\s]*)\}/.test(s));
const envName = fc.stringMatching(/^[A-Z_][A-Z0-9_]{0,8}$/).filter((k) => k !== "PORT" && k !== "DATABASE_URL");
const dbName = fc.stringMatching(/^[a-z_][a-z0-9_-]{0,10}$/);

interface AppCase {
  environment: Record<string, string>;
  extraConfig: string;
  database: string;
}

const appCase = fc.record({ environment: fc.dictionary(envName, text, { maxKeys: 4 }), extraConfig: caddyText, database: dbName });
const containerCase = fc.record({ command: fc.array(text, { minLength: 1, maxLength: 3 }), label: text });
const configCase = fc.record({
  url: text.filter((s) => s.length > 0),
  apps: fc.array(appCase, { minLength: 1, maxLength: 3 }),
  container: containerCase,
});

interface ContainerCase {
  command: string[];
  label: string;
}

function config({ url, apps, container }: { url: string; apps: AppCase[]; container: ContainerCase }) {
  const names = apps.map((_, i) => `app-${i}`);
  const databases = [...new Set(apps.map((a) => a.database))];
  return {
    inputs: { web: url },
    hosts: {
      prod: {
        stateVersion: "25.11",
        postgres: { databases },
        apps: Object.fromEntries(
          apps.map((a, i) => [names[i], { port: 10_000 + i, package: { input: "web" }, start: "bun server.ts", environment: a.environment, database: a.database }]),
        ),
        caddy: {
          email: "ops@example.com",
          sites: Object.fromEntries(apps.map((a, i) => [`s${i}.example.com`, { app: names[i], extraConfig: a.extraConfig }])),
        },
        stacks: {
          s: { containers: { c: { image: "nginx:1.27.3", command: container.command, labels: { "com.example.note": container.label } } } },
        },
      },
    },
  };
}

/** The Caddyfile text NixOS gets for a site: the user's lines, a newline if missing, the proxy. */
function expectedSite(extra: string, port: number): string {
  return `${extra}${extra === "" || extra.endsWith("\n") ? "" : "\n"}reverse_proxy 127.0.0.1:${port}\n`;
}

const STUBS = `{ pkgs = { stdenv.hostPlatform.system = "x86_64-linux"; }; inputs = { }; lib = { }; config = { }; }`;

test("random valid configs: every file parses and every free-text string evaluates back to the input", () => {
  const root = mkdtempSync(join(tmpdir(), "gen-nix-fuzz-"));
  try {
    const files: string[] = [];
    const probes: string[] = [];
    const expected: unknown[] = [];
    const cases = fc.sample(configCase, { numRuns: 30, seed: 20240611 });
    cases.forEach((c, run) => {
      for (const file of emitAll(resolveInfra(config(c)))) {
        const path = join(root, String(run), file.path);
        mkdirSync(dirname(path), { recursive: true });
        writeFileSync(path, file.content);
        files.push(path);
      }
      const dir = join(root, String(run));
      // Every probe shares one Nix call.
      const module = (f: string) => callModule(join(dir, f), STUBS);
      probes.push(`(import ${join(dir, "flake.nix")}).inputs.web.url`);
      expected.push(c.url);
      c.apps.forEach((a, i) => {
        const env = `${module(`hosts/prod/apps/app-${i}.nix`)}.systemd.services.app-${i}.environment`;
        probes.push(`builtins.removeAttrs ${env} [ "PORT" "DATABASE_URL" ]`);
        expected.push({ ...a.environment }); // fast-check dictionaries have no prototype
        probes.push(`${module("hosts/prod/caddy.nix")}.services.caddy.virtualHosts."s${i}.example.com".extraConfig`);
        expected.push(expectedSite(a.extraConfig, 10_000 + i));
      });
      probes.push(`{ inherit (${module("hosts/prod/stacks/s.nix")}.virtualisation.oci-containers.containers.c) cmd labels; }`);
      expected.push({ cmd: c.container.command, labels: { "com.example.note": c.container.label } });
    });
    nixParse(files);
    assert.equal(nixEval(`[ ${probes.map((p) => `(${p})`).join(" ")} ]`), expected);
    assert.ok(cases.some((c) => c.apps.some((a) => a.extraConfig.includes("${") || Object.values(a.environment).some((v) => v.includes("''")))));
    assert.ok(cases.some((c) => [...c.container.command, c.container.label].some((t) => t.includes("${") || t.includes('"; }; evil = {'))));
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test.run();
