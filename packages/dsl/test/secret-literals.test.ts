// secret_literal: values that would put a secret into the world-readable Nix store.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { resolveInfra } from "../src/index.ts";
import { app, infra, issuesOf } from "./helpers.ts";

const PROD = ["hosts", "prod"];
const PEM = "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----\n";

function literals(config: unknown): { path: (string | number)[]; message: string }[] {
  return issuesOf(config)
    .filter((d) => d.code === "secret_literal")
    .map(({ path, message }) => ({ path, message }));
}

test("app environment: values under secret-looking names", () => {
  const environment = { DB_PASSWORD: "hunter2", stripe_api_key: "sk_live_x", GITHUB_TOKEN: "ghp_x", JWT_SECRET: "s", SSH_PRIVATE_KEY: "k", NODE_ENV: "production" };
  const found = literals(infra({ apps: { web: app({ environment }) } }));
  const at = [...PROD, "apps", "web", "environment"];
  assert.equal(found.map((d) => d.path), ["DB_PASSWORD", "stripe_api_key", "GITHUB_TOKEN", "JWT_SECRET", "SSH_PRIVATE_KEY"].map((k) => [...at, k]));
  assert.match(found[0]?.message ?? "", /"DB_PASSWORD" looks like a secret.*world-readable Nix store.*secret\.file\(.*secret\.sops\(/);
});

test("allowed: where a secret is (…_FILE, …_PATH), empty values, other names", () => {
  const environment = { POSTGRES_PASSWORD_FILE: "/run/secrets/pg", TOKEN_PATH: "/run/secrets/t", OAUTH_TOKEN_URL: "https://auth.example.com/token", EMPTY_SECRET: "", LOG_LEVEL: "debug" };
  const config = infra({ apps: { web: app({ environment }) } });
  assert.ok(resolveInfra(config).hosts[0]);
});

test("containers: environment and labels under secret-looking names", () => {
  const stacks = {
    edge: {
      containers: {
        proxy: {
          image: "traefik:v3.6",
          environment: { CF_DNS_API_TOKEN: "abc", TZ: "UTC" },
          labels: { "com.example.api-key": "abc", "traefik.enable": "true" },
        },
      },
    },
  };
  const at = [...PROD, "stacks", "edge", "containers", "proxy"];
  assert.equal(literals(infra({ stacks })).map((d) => d.path), [[...at, "environment", "CF_DNS_API_TOKEN"], [...at, "labels", "com.example.api-key"]]);
});

test("PEM private keys anywhere: Caddy extraConfig, labels, commands", () => {
  const caddy = { email: "ops@example.com", sites: { "web.example.com": { app: "web", extraConfig: `tls {\n  # ${PEM}}\n` } } };
  const stacks = { s: { containers: { c: { image: "nginx:1.27", labels: { note: PEM }, command: ["sh", "-c", `echo '${PEM}'`] } } } };
  const found = literals(infra({ caddy, stacks }));
  const c = [...PROD, "stacks", "s", "containers", "c"];
  assert.equal(found.map((d) => d.path), [[...PROD, "caddy", "sites", "web.example.com", "extraConfig"], [...c, "command", 2], [...c, "labels", "note"]]);
  assert.match(found[0]?.message ?? "", /contains a PEM private key/);
});

test("URLs with a password: environment values, commands, flake inputs; placeholders are no literal", () => {
  const environment = { REDIS_URL: "redis://default:s3cret@localhost:6379", UPSTREAM: "https://user:{env.PASS}@example.com", PLAIN: "https://example.com" };
  const web = app({ environment, start: "bun server.ts --db postgres://app:pw@db.example.com/app" });
  const config = infra({ apps: { web } }, { inputs: { web: "git+https://bot:ghp_abc@github.com/example/web" } });
  const found = literals(config);
  const at = [...PROD, "apps", "web"];
  assert.equal(found.map((d) => d.path), [["inputs", "web"], [...at, "start"], [...at, "environment", "REDIS_URL"]]);
  assert.match(found[1]?.message ?? "", /URL with a password/);
});

test.run();
