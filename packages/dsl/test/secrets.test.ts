// Secret references: the two kinds, the host's sops-nix secrets built from their uses, and the
// checks that keep one name one secret.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { resolveInfra, secret } from "../src/index.ts";
import { app, infra, issuesOf, only } from "./helpers.ts";

const WEB = ["hosts", "prod", "apps", "web"];
const sops = (name: string, sopsFile: string, more: { key?: string; format?: "yaml" | "json" | "binary" | "dotenv" | "ini" } = {}) =>
  secret.sops(name, { sopsFile, ...more });

test("a plain string where a secret belongs is refused, naming both builders", () => {
  const issue = only(issuesOf(infra({ apps: { web: app({ environmentFile: "/run/secrets/web.env" }) } })), "invalid_union");
  assert.equal(issue.path, [...WEB, "environmentFile"]);
  assert.match(issue.message, /secret\.file\("\/run\/secrets\/name"\) or secret\.sops\("name", \{ sopsFile \}\), never the value itself/);
});

test("secret.file: the model keeps the path; no sops on the host", () => {
  const [host] = resolveInfra(infra({ apps: { web: app({ environmentFile: secret.file("/run/keys/web.env") }) } })).hosts;
  assert.equal(host?.apps[0]?.environmentFile, { kind: "file", path: "/run/keys/web.env" });
  assert.is(host?.sops, undefined);
});

test("secret.sops: owner is the app, its unit restarts; format from the extension unless given", () => {
  const apps = {
    web: app({ environmentFile: sops("web-env", "./secrets/../secrets/prod.env", { key: "" }) }),
    api: app({ port: 8002, database: undefined, environmentFile: sops("api-env", "secrets/prod.json", { key: "api" }) }),
    cron: app({ port: 8003, database: undefined, environmentFile: sops("cron-env", "secrets/cron.bin") }),
    jobs: app({ port: 8004, database: undefined, environmentFile: sops("jobs-env", "secrets/jobs.txt", { format: "dotenv" }) }),
  };
  const [host] = resolveInfra(infra({ apps })).hosts;
  assert.equal(host?.apps[0]?.environmentFile, { kind: "sops", name: "web-env" });
  assert.equal(host?.sops?.secrets, [
    { name: "web-env", sopsFile: "secrets/prod.env", format: "dotenv", key: "", owner: "web", restartUnits: ["web.service"] },
    { name: "api-env", sopsFile: "secrets/prod.json", format: "json", key: "api", owner: "api", restartUnits: ["api.service"] },
    { name: "cron-env", sopsFile: "secrets/cron.bin", format: "binary", owner: "cron", restartUnits: ["cron.service"] },
    { name: "jobs-env", sopsFile: "secrets/jobs.txt", format: "dotenv", owner: "jobs", restartUnits: ["jobs.service"] },
  ]);
});

test("containers: a sops environment file is read by the runtime as root and restarts the container's unit", () => {
  const shared = sops("proxy-env", "secrets/prod.yaml", { key: "proxy" });
  const stacks = {
    edge: {
      containers: {
        proxy: { image: "traefik:v3.6", environmentFiles: [shared, secret.file("/run/keys/extra.env")] },
        sidecar: { image: "traefik:v3.6", environmentFiles: [shared] },
      },
    },
  };
  const [host] = resolveInfra(infra({ stacks })).hosts;
  assert.equal(host?.stacks[0]?.containers[0]?.environmentFiles, [{ kind: "sops", name: "proxy-env" }, { kind: "file", path: "/run/keys/extra.env" }]);
  assert.equal(host?.sops?.secrets, [
    { name: "proxy-env", sopsFile: "secrets/prod.yaml", format: "yaml", key: "proxy", restartUnits: ["docker-proxy.service", "docker-sidecar.service"] },
  ]);
});

test("a sops secret read by a compose stack or by Pangolin restarts the unit that reads it", () => {
  const env = sops("edge-env", "secrets/prod.yaml", { key: "edge" });
  const stacks = { edge: { backend: "compose" as const, containers: { proxy: { image: "traefik:v3.6", environmentFiles: [env] } } } };
  const pangolin = (backend: "oci-containers" | "native") =>
    ({ backend, baseDomain: "example.com", email: "ops@example.com", httpPort: 8080, httpsPort: 8443, environmentFile: sops("pangolin-env", "secrets/prod.yaml", { key: "pangolin" }) });
  const [docker] = resolveInfra(infra({ stacks, pangolin: pangolin("oci-containers") })).hosts;
  assert.equal(docker?.sops?.secrets.map((s) => [s.name, s.restartUnits]), [
    ["edge-env", ["docker-compose-edge.service"]],
    ["pangolin-env", ["docker-pangolin.service"]],
  ]);
  const { httpPort: _, httpsPort: __, ...native80 } = pangolin("native");
  const [native] = resolveInfra(infra({ caddy: undefined, pangolin: native80 })).hosts;
  assert.equal(native?.sops?.secrets.map((s) => [s.name, s.restartUnits]), [["pangolin-env", ["pangolin.service"]]]);
});

test("sops_secret_conflict: one name, two different secrets, or two owning apps", () => {
  const apps = {
    web: app({ environmentFile: sops("env", "secrets/a.yaml") }),
    api: app({ port: 8002, database: undefined, environmentFile: sops("env", "secrets/b.yaml") }),
  };
  const differ = only(issuesOf(infra({ apps })), "sops_secret_conflict");
  assert.equal(differ.path, ["hosts", "prod", "apps", "api", "environmentFile"]);
  assert.match(differ.message, /"env" is already declared at hosts\.prod\.apps\.web\.environmentFile with sopsFile "secrets\/b\.yaml" here, "secrets\/a\.yaml" there: .*a name of its own/);
  const twoOwners = {
    web: app({ environmentFile: sops("env", "secrets/a.yaml") }),
    api: app({ port: 8002, database: undefined, environmentFile: sops("env", "secrets/a.yaml") }),
  };
  assert.match(only(issuesOf(infra({ apps: twoOwners })), "sops_secret_conflict").message, /already owned by app "web"/);
});

test("sops references are checked: the name is a file name, the file stays in the config directory", () => {
  const bad = app({ environmentFile: sops("../etc/passwd", "../secrets.yaml") });
  const issues = issuesOf(infra({ apps: { web: bad } }));
  assert.equal(issues.map((d) => [d.code, d.path.slice(WEB.length)]), [
    ["invalid_format", ["environmentFile", "sops", "name"]],
    ["invalid_path", ["environmentFile", "sops", "sopsFile"]],
  ]);
});

test.run();
