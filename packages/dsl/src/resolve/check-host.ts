// Cross-reference checks within one host: names, ports, databases and site targets.
import type { Diagnostic } from "../model.ts";
import { quote } from "../quote.ts";
import type { Host } from "../schema/host.ts";
import { closestName } from "../suggest.ts";
import { checkSopsSecrets } from "./check-secrets.ts";

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

/** "a, b" or "none", for "known: …" hints; names that are not plain words are quoted. */
export function known(names: Iterable<string>): string {
  return [...names].map((name) => (/^[\w.-]{1,80}$/.test(name) ? name : quote(name))).join(", ") || "none";
}

/**
 * A reference to a name that does not exist: the message lists what does, and the closest
 * existing name becomes the suggestion.
 */
export function unknownName(
  path: Path,
  code: string,
  what: string,
  name: string,
  names: readonly string[],
  where: string,
): Diagnostic {
  const message = `unknown ${what} ${quote(name)}; ${where}: ${known(names)}`;
  const suggestion = closestName(name, names);
  return suggestion === undefined ? { path, code, message } : { path, code, message, suggestion };
}

function checkNames(host: Host, at: Path): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const [kind, names] of [["admin", Object.keys(host.admins)], ["app", Object.keys(host.apps)]] as const) {
    for (const name of names.filter((n) => SYSTEM_NAMES.has(n))) {
      const message = `${kind} name "${name}" is already a system user or group on NixOS; choose another name`;
      out.push({ path: [...at, `${kind}s`, name], code: "name_clash", message, key: true });
    }
  }
  for (const name of Object.keys(host.admins).filter((n) => Object.hasOwn(host.apps, n))) {
    const message = `admin "${name}" has the same name as an app; the app's system user would be the admin's account`;
    out.push({ path: [...at, "admins", name], code: "name_clash", message, key: true });
  }
  return out;
}

/** A port something other than a container stack listens on, on every address of the host. */
export interface HostListener {
  port: number;
  protocol: "tcp" | "udp";
  /** "SSH", "Caddy (HTTPS)", `app "web"` */
  owner: string;
  /** How to move a container off this port, for messages. */
  fix: string;
  /** One of the ports Caddy serves its sites on (80, 443, and 443/udp for HTTP/3). */
  caddySite?: true;
}

/**
 * The daemons' ports on this host: SSH, Caddy (only when it serves sites; otherwise it is not
 * enabled at all) and PostgreSQL.
 */
function daemonListeners(host: Host): HostListener[] {
  const elsewhere = "publish the container on another host port";
  const out: HostListener[] = [{ port: host.ssh.port, protocol: "tcp", owner: "SSH", fix: `${elsewhere}, or move SSH with ssh.port` }];
  if (host.caddy && Object.keys(host.caddy.sites).length > 0) {
    const fix =
      'bind the container to another port on 127.0.0.1 (e.g. "127.0.0.1:8443:443") and proxy to it from a Caddy site, or put the stack on a host without Caddy sites';
    out.push({ port: 80, protocol: "tcp", owner: "Caddy (HTTP)", fix, caddySite: true });
    out.push({ port: 443, protocol: "tcp", owner: "Caddy (HTTPS)", fix, caddySite: true });
    out.push({ port: 443, protocol: "udp", owner: "Caddy (HTTP/3)", fix, caddySite: true });
    out.push({ port: 2019, protocol: "tcp", owner: "Caddy's admin API", fix: elsewhere });
  }
  if (host.postgres) out.push({ port: 5432, protocol: "tcp", owner: "PostgreSQL", fix: elsewhere });
  return out;
}

/** Every port the host's own daemons and apps listen on: what stacks and Pangolin must keep off. */
export function hostListeners(host: Host): HostListener[] {
  const fix = "publish the container on another host port, or change the app's port";
  const apps = Object.entries(host.apps).map(([name, app]): HostListener => ({ port: app.port, protocol: "tcp", owner: `app "${name}"`, fix }));
  return [...daemonListeners(host), ...apps];
}

function checkPorts(host: Host, at: Path): Diagnostic[] {
  const out: Diagnostic[] = [];
  const daemons = daemonListeners(host).filter((l) => l.protocol === "tcp");
  const owners = new Map<number, string>();
  for (const [name, app] of Object.entries(host.apps)) {
    const path = [...at, "apps", name, "port"];
    const daemon = daemons.find((l) => l.port === app.port);
    const owner = owners.get(app.port);
    if (daemon) {
      out.push({ path, code: "reserved_port", message: `port ${app.port} is taken by ${daemon.owner}; pick another port` });
    } else if (owner) {
      const message = `port ${app.port} is already used by app "${owner}"; give each app its own port`;
      out.push({ path, code: "port_clash", message });
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
      const message = `app "${name}" uses database ${quote(app.database)} but this host has no postgres; add postgres: { databases: [${quote(app.database)}] }`;
      out.push({ path, code: "no_postgres", message });
    } else if (!host.postgres.databases.includes(app.database)) {
      const { databases } = host.postgres;
      out.push(unknownName(path, "unknown_database", "database", app.database, databases, "postgres.databases has"));
    }
  }
  return out;
}

function checkSites(host: Host, at: Path): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const [domain, site] of Object.entries(host.caddy?.sites ?? {})) {
    if (site.app === undefined || Object.hasOwn(host.apps, site.app)) continue;
    const path = [...at, "caddy", "sites", domain, "app"];
    out.push(unknownName(path, "unknown_app", "app", site.app, Object.keys(host.apps), "apps on this host"));
  }
  return out;
}

/** Every cross-reference problem inside host `name`. */
export function checkHost(name: string, host: Host): Diagnostic[] {
  const at = ["hosts", name];
  return [
    ...checkNames(host, at),
    ...checkPorts(host, at),
    ...checkDatabases(host, at),
    ...checkSites(host, at),
    ...checkSopsSecrets(host, at),
  ];
}
