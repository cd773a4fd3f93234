/**
 * `hosts/<host>/apps/<app>.nix`: the app's system user and its hardened systemd service,
 * laid out as the seed's `modules/myapp.nix` sets them.
 */
import { n } from "../ast/build.ts";
import type { Binding, Expr } from "../ast/nodes.ts";
import type { AppModel, HostModel } from "@gen-nix/dsl";
import { type EmitOptions, type GeneratedFile, moduleFile } from "./file.ts";
import { commandString, packageExpr } from "./package.ts";
import { secretPath } from "./secret.ts";

/**
 * The seed's sandboxing (a read-only system; writes only where listed), then what a Bun or Node
 * server that talks to PostgreSQL over its unix socket and listens on a TCP port still runs
 * under: no kernel, clock, hostname or cgroup changes, no devices, no capabilities, no new
 * namespaces, only unix and IP sockets. Not MemoryDenyWriteExecute: the JavaScript engines'
 * JIT compilers (V8, JavaScriptCore) need writable and executable memory, so it would kill them.
 */
function hardening(app: AppModel, out: Binding[]): void {
  out.push(...SANDBOX, n.assign("ReadWritePaths", writablePaths(app)), ...CONFINEMENT);
}
// The same for every app: built once, so each file shares the nodes (and the printer their text).
const SANDBOX = [
  n.assign("NoNewPrivileges", true, { blankBefore: true, comments: ["Security hardening"] }),
  n.assign("ProtectSystem", "strict"),
  n.assign("ProtectHome", true),
  n.assign("PrivateTmp", true),
];
const CONFINEMENT = [
  n.assign("PrivateDevices", true),
  n.assign("ProtectKernelTunables", true),
  n.assign("ProtectKernelModules", true),
  n.assign("ProtectKernelLogs", true),
  n.assign("ProtectControlGroups", true),
  n.assign("ProtectClock", true),
  n.assign("ProtectHostname", true),
  n.assign("RestrictSUIDSGID", true),
  n.assign("RestrictRealtime", true),
  n.assign("RestrictNamespaces", true),
  n.assign("LockPersonality", true),
  n.assign("RemoveIPC", true),
  n.assign("CapabilityBoundingSet", ""),
  n.assign("RestrictAddressFamilies", ["AF_UNIX", "AF_INET", "AF_INET6"]),
  n.assign("SystemCallArchitectures", "native"),
  n.assign("UMask", "0077"),
];

function writablePaths(app: AppModel): string[] {
  const paths = [`/var/lib/${app.name}`];
  if (app.database) paths.push("/run/postgresql");
  for (const p of app.readWritePaths) if (!paths.includes(p)) paths.push(p);
  return paths;
}

function environment(app: AppModel): Expr {
  const env = [n.assign("PORT", n.str(String(app.port)))];
  if (app.databaseUrl) env.push(n.assign("DATABASE_URL", n.str(app.databaseUrl)));
  for (const [k, v] of app.environment) env.push(n.assign([k], n.str(v)));
  return n.set(env);
}

const TYPE_SIMPLE = n.assign("Type", "simple");
const WORKING_DIRECTORY = n.assign("WorkingDirectory", n.ident("package"));
const RESTART_ALWAYS = n.assign("Restart", "always");
const WANTED_BY_MULTI_USER = n.assign("wantedBy", ["multi-user.target"]);
const SYSTEM_USER = n.assign("isSystemUser", true);
const CREATE_HOME = n.assign("createHome", true);

function serviceConfig(app: AppModel): Expr {
  const config = [TYPE_SIMPLE, n.assign("User", app.name), n.assign("Group", app.name), WORKING_DIRECTORY];
  if (app.environmentFile) config.push(n.assign("EnvironmentFile", secretPath(app.environmentFile)));
  if (app.migrate) config.push(n.assign("ExecStartPre", commandString(app.migrate, "package")));
  config.push(n.assign("ExecStart", commandString(app.start, "package")), RESTART_ALWAYS, n.assign("RestartSec", app.restartSec));
  if (app.hardening) hardening(app, config);
  return n.set(config);
}

// Since NixOS 25.11 databases and roles are created by postgresql-setup.service, which
// postgresql.target waits for: ordering on the target means the database exists.
const ORDERED_AFTER_DATABASE = [
  n.assign("after", ["network.target", "postgresql.target"]),
  n.assign("requires", ["postgresql.target"]),
];
const ORDERED_AFTER_NETWORK = [n.assign("after", ["network.target"])];

function service(app: AppModel): Expr {
  return n.set([
    n.assign("description", app.name),
    WANTED_BY_MULTI_USER,
    ...(app.database ? ORDERED_AFTER_DATABASE : ORDERED_AFTER_NETWORK),
    n.assign("environment", environment(app), { blankBefore: true }),
    n.assign("serviceConfig", serviceConfig(app), { blankBefore: true }),
  ]);
}

export function emitAppService(host: HostModel, app: AppModel, opts: EmitOptions): GeneratedFile {
  const dir = `hosts/${host.name}/apps`;
  const body = n.set([
    n.assign(
      ["users", "users", app.name],
      n.set([SYSTEM_USER, n.assign("group", app.name), n.assign("home", `/var/lib/${app.name}`), CREATE_HOME]),
    ),
    n.assign(["users", "groups", app.name], {}),
    n.assign(["systemd", "services", app.name], service(app), { blankBefore: true }),
  ]);
  const withPackage = n.let([n.assign("package", packageExpr(app.package, app.name, dir, opts))], body);
  return moduleFile(`${dir}/${app.name}.nix`, withPackage);
}
