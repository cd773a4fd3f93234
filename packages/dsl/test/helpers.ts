// Config builders for the DSL tests. Configs are plain objects because resolveInfra takes
// `unknown`: tests must be able to write configs the types would reject.
import * as assert from "uvu/assert";
import { InfraConfigError, resolveInfra, type Diagnostic } from "../src/index.ts";

type Obj = Record<string, unknown>;

export const KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJpIy7oP71q2Z+PQNjY39mhYtMF0beLn7TrHr6ZmxQMo alice@laptop";

/** A valid app; `over` replaces fields. */
export function app(over: Obj = {}): Obj {
  return { port: 8001, package: { input: "web" }, start: "bun server.ts", database: "web", ...over };
}

/** A valid host with postgres, one app and one site; `over` replaces fields. */
export function host(over: Obj = {}): Obj {
  return {
    stateVersion: "25.11",
    admins: { alice: { sshKeys: [KEY] } },
    postgres: { databases: ["web"] },
    apps: { web: app() },
    caddy: { email: "ops@example.com", sites: { "web.example.com": { app: "web" } } },
    ...over,
  };
}

/** A valid config with the single host `prod`; `over` replaces top-level fields. */
export function infra(hostOver: Obj = {}, over: Obj = {}): Obj {
  return { inputs: { web: "github:example/web" }, hosts: { prod: host(hostOver) }, ...over };
}

/** The diagnostics `resolveInfra` throws for `config`; fails the test if it does not throw. */
export function issuesOf(config: unknown): Diagnostic[] {
  try {
    resolveInfra(config);
  } catch (error) {
    if (error instanceof InfraConfigError) return error.issues;
    throw error;
  }
  assert.unreachable("config should have been rejected");
  return [];
}

/** The single diagnostic with `code`; fails unless there is exactly one. */
export function only(issues: Diagnostic[], code: string): Diagnostic {
  const found = issues.filter((d) => d.code === code);
  assert.is(found.length, 1, `expected one ${code} in ${JSON.stringify(issues)}`);
  return found[0] as Diagnostic;
}
