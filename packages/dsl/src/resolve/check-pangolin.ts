// Cross-reference checks of a host's Pangolin: its ports against Caddy, apps, SSH, PostgreSQL
// and other stacks; its names against the host's stacks, containers and apps; and what the
// native backend (nixpkgs' services.pangolin) cannot express.
import type { Diagnostic } from "../model.ts";
import type { Host } from "../schema/host.ts";
import { PANGOLIN_CONTAINERS, PANGOLIN_STACK } from "./build-pangolin.ts";
import { parsePort } from "./build-stack.ts";

type Path = (string | number)[];
type Pangolin = NonNullable<Host["pangolin"]>;
type Protocol = "tcp" | "udp";

interface PangolinPort {
  field: keyof Pangolin;
  port: number;
  protocol: Protocol;
  what: string;
}

/** Host ports Pangolin takes, with the field that sets each. */
function pangolinPorts(p: Pangolin): PangolinPort[] {
  const http3 = p.http3 ?? p.backend !== "native";
  return [
    { field: "httpPort", port: p.httpPort, protocol: "tcp", what: "Pangolin's HTTP entry point" },
    { field: "httpsPort", port: p.httpsPort, protocol: "tcp", what: "Pangolin's HTTPS entry point" },
    ...(http3 ? [{ field: "httpsPort" as const, port: p.httpsPort, protocol: "udp" as const, what: "Pangolin's HTTP/3" }] : []),
    ...(p.gerbil
      ? [
          { field: "wireguardPort" as const, port: p.wireguardPort, protocol: "udp" as const, what: "Gerbil's site tunnels" },
          { field: "clientsPort" as const, port: p.clientsPort, protocol: "udp" as const, what: "Gerbil's client relay" },
        ]
      : []),
  ];
}

/** Caddy serves its sites on 80 and 443; so does Pangolin's Traefik unless moved. */
function checkCaddy(host: Host, p: Pangolin, at: Path): Diagnostic[] {
  if (!host.caddy || Object.keys(host.caddy.sites).length === 0) return [];
  const out: Diagnostic[] = [];
  for (const field of ["httpPort", "httpsPort"] as const) {
    const port = p[field];
    if (port !== 80 && port !== 443) continue;
    const move =
      p.backend === "native"
        ? `or use a Docker backend with free ports (e.g. httpPort: 8080, httpsPort: 8443) and proxy its domains from Caddy`
        : `or move Pangolin to free ports (e.g. httpPort: 8080, httpsPort: 8443) and proxy its domains from Caddy`;
    const message = `Pangolin's Traefik and Caddy both need port ${port} on this host; put Pangolin on a host of its own, ${move}`;
    out.push({ path: [...at, field], code: "pangolin_caddy_ports", message });
  }
  return out;
}

/** Other listeners on the host, by protocol and port. */
function otherListeners(host: Host): Map<string, string> {
  const taken = new Map<string, string>([[`tcp/${host.ssh.port}`, "SSH"]]);
  if (host.postgres) taken.set("tcp/5432", "PostgreSQL");
  for (const [name, app] of Object.entries(host.apps)) taken.set(`tcp/${app.port}`, `app "${name}"`);
  for (const [stack, s] of Object.entries(host.stacks)) {
    for (const [container, c] of Object.entries(s.containers)) {
      for (const port of c.ports.map(parsePort)) taken.set(`${port.protocol}/${port.host}`, `container "${container}" of stack "${stack}"`);
    }
  }
  return taken;
}

function checkPorts(host: Host, p: Pangolin, at: Path): Diagnostic[] {
  const out: Diagnostic[] = [];
  const taken = otherListeners(host);
  const own = new Map<string, string>();
  for (const { field, port, protocol, what } of pangolinPorts(p)) {
    const key = `${protocol}/${port}`;
    const other = taken.get(key);
    const mine = own.get(key);
    if (other !== undefined) {
      const message = `${protocol.toUpperCase()} port ${port} (${what}) is already used by ${other}; choose another ${field}`;
      out.push({ path: [...at, field], code: "port_clash", message });
    } else if (mine !== undefined) {
      const message = `${protocol.toUpperCase()} port ${port} is both ${mine} and ${what}; give them different ports`;
      out.push({ path: [...at, field], code: "port_clash", message });
    }
    own.set(key, mine ?? what);
  }
  return out;
}

/** Docker container names are unique per host, and the stack "pangolin" is ours. */
function checkNames(host: Host, p: Pangolin, at: Path): Diagnostic[] {
  const out: Diagnostic[] = [];
  const reserved = new Set<string>(PANGOLIN_CONTAINERS);
  if (Object.hasOwn(host.stacks, PANGOLIN_STACK)) {
    const message = `stack "${PANGOLIN_STACK}" is the name of the stack the pangolin preset creates on this host; rename this stack`;
    out.push({ path: [...at.slice(0, 2), "stacks", PANGOLIN_STACK], code: "name_clash", message });
  }
  for (const [stack, s] of Object.entries(host.stacks)) {
    for (const container of Object.keys(s.containers).filter((c) => reserved.has(c))) {
      const message = `container "${container}" is one of Pangolin's (${PANGOLIN_CONTAINERS.join(", ")}) on this host; rename it`;
      out.push({ path: [...at.slice(0, 2), "stacks", stack, "containers", container], code: "name_clash", message });
    }
  }
  if (p.backend === "native") {
    // services.pangolin creates the system users pangolin and gerbil, services.traefik the user traefik.
    for (const app of Object.keys(host.apps).filter((a) => reserved.has(a))) {
      const message = `app "${app}" would share its system user with the native Pangolin backend's; rename the app`;
      out.push({ path: [...at.slice(0, 2), "apps", app], code: "name_clash", message });
    }
  }
  return out;
}

/** What nixpkgs' services.pangolin hard-codes, so the native backend cannot honour it. */
function checkNative(p: Pangolin, at: Path): Diagnostic[] {
  if (p.backend !== "native") return [];
  const out: Diagnostic[] = [];
  const refuse = (field: keyof Pangolin, why: string): void => {
    out.push({ path: [...at, field], code: "pangolin_native_unsupported", message: `the native backend ${why}` });
  };
  if (p.images !== undefined) refuse("images", 'runs nixpkgs\' packages, not container images; remove images or use backend "oci-containers"');
  if (p.badgerVersion !== undefined) refuse("badgerVersion", "uses the Badger version nixpkgs' module pins; remove badgerVersion");
  if (!p.gerbil) refuse("gerbil", 'always runs Gerbil; remove gerbil: false or use backend "oci-containers"');
  if (p.httpPort !== 80) refuse("httpPort", 'has Traefik listen on port 80 only; remove httpPort or use backend "oci-containers"');
  if (p.directory !== "/var/lib/pangolin") {
    // Its gerbil unit's ExecStartPost script works on /var/lib/pangolin/config whatever dataDir says.
    refuse("directory", "keeps Gerbil's state in /var/lib/pangolin regardless of dataDir; remove directory or use backend \"oci-containers\"");
  }
  if (p.httpsPort !== 443) refuse("httpsPort", 'has Traefik listen on port 443 only; remove httpsPort or use backend "oci-containers"');
  return out;
}

/** Every problem with host `name`'s Pangolin; none without one. */
export function checkPangolin(name: string, host: Host): Diagnostic[] {
  const p = host.pangolin;
  if (!p) return [];
  const at = ["hosts", name, "pangolin"];
  return [...checkCaddy(host, p, at), ...checkPorts(host, p, at), ...checkNames(host, p, at), ...checkNative(p, at)];
}
