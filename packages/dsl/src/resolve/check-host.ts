// Cross-reference checks within one host: names, ports, databases and site targets.
import type { Diagnostic } from "../model.ts";
import type { Host } from "../schema/host.ts";

type Path = (string | number)[];

/**
 * Users and groups a NixOS host with these services already has. Apps get a user and group of
 * their own name and admins a user, so reusing one would merge identities (an app named "wheel"
 * would grant sudo).
 */
const SYSTEM_NAMES = new Set([
  "root", "nobody", "nogroup", "wheel", "users", "keys", "adm", "kmem", "tty", "disk", "utmp",
  "shadow", "input", "kvm", "render", "audio", "video", "lp", "dialout", "floppy", "cdrom", "tape",
  "uucp", "messagebus", "nscd", "sshd", "polkituser", "nixbld", "postgres", "caddy", "systemd-journal",
  "systemd-network", "systemd-resolve", "systemd-timesync", "systemd-oom", "systemd-coredump",
]);

/** "a, b" or "none", for "known: …" hints. */
export function known(names: Iterable<string>): string {
  return [...names].join(", ") || "none";
}

function checkNames(host: Host, at: Path): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const [kind, names] of [["admin", Object.keys(host.admins)], ["app", Object.keys(host.apps)]] as const) {
    for (const name of names.filter((n) => SYSTEM_NAMES.has(n))) {
      const message = `${kind} name "${name}" is already a system user or group on NixOS`;
      out.push({ path: [...at, `${kind}s`, name], code: "name_clash", message });
    }
  }
  for (const name of Object.keys(host.admins).filter((n) => Object.hasOwn(host.apps, n))) {
    const message = `admin "${name}" has the same name as an app; the app's system user would be the admin's account`;
    out.push({ path: [...at, "admins", name], code: "name_clash", message });
  }
  return out;
}

/** Ports other daemons on the host listen on. */
function reservedPorts(host: Host): Map<number, string> {
  const reserved = new Map([[80, "Caddy (HTTP)"], [443, "Caddy (HTTPS)"], [host.ssh.port, "SSH"]]);
  if (host.postgres) reserved.set(5432, "PostgreSQL");
  if (host.caddy) reserved.set(2019, "Caddy's admin API");
  return reserved;
}

function checkPorts(host: Host, at: Path): Diagnostic[] {
  const out: Diagnostic[] = [];
  const reserved = reservedPorts(host);
  const owners = new Map<number, string>();
  for (const [name, app] of Object.entries(host.apps)) {
    const path = [...at, "apps", name, "port"];
    const daemon = reserved.get(app.port);
    const owner = owners.get(app.port);
    if (daemon) {
      out.push({ path, code: "reserved_port", message: `port ${app.port} is taken by ${daemon}` });
    } else if (owner) {
      out.push({ path, code: "port_clash", message: `port ${app.port} is already used by app "${owner}"` });
    }
    owners.set(app.port, owner ?? name);
  }
  return out;
}

function checkDatabases(host: Host, at: Path): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const [name, app] of Object.entries(host.apps)) {
    if (app.database === undefined) continue;
    const path = [...at, "apps", name, "database"];
    if (!host.postgres) {
      const message = `app "${name}" uses database "${app.database}" but this host has no postgres`;
      out.push({ path, code: "no_postgres", message });
    } else if (!host.postgres.databases.includes(app.database)) {
      const message = `unknown database "${app.database}"; postgres.databases has: ${known(host.postgres.databases)}`;
      out.push({ path, code: "unknown_database", message });
    }
  }
  return out;
}

function checkSites(host: Host, at: Path): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const [domain, site] of Object.entries(host.caddy?.sites ?? {})) {
    if (site.app === undefined || Object.hasOwn(host.apps, site.app)) continue;
    const message = `unknown app "${site.app}"; apps on this host: ${known(Object.keys(host.apps))}`;
    out.push({ path: [...at, "caddy", "sites", domain, "app"], code: "unknown_app", message });
  }
  return out;
}

/** Every cross-reference problem inside host `name`. */
export function checkHost(name: string, host: Host): Diagnostic[] {
  const at = ["hosts", name];
  return [...checkNames(host, at), ...checkPorts(host, at), ...checkDatabases(host, at), ...checkSites(host, at)];
}
