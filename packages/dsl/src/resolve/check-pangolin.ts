// Cross-reference checks of a host's Pangolin: its ports against Caddy, apps, SSH, PostgreSQL
// and other stacks; its names against the host's stacks, containers and apps; and what the
// native backend (nixpkgs' services.pangolin) cannot express.
import type { Diagnostic } from "../model.ts";
import type { Host } from "../schema/host.ts";
import { PANGOLIN_CONTAINERS, PANGOLIN_STACK, type PangolinPort, pangolinPorts } from "./build-pangolin.ts";
import { parsePort } from "./build-stack.ts";
import { type HostListener, hostListeners } from "./check-host.ts";

type Path = (string | number)[];
type Pangolin = NonNullable<Host["pangolin"]>;
type Listener = Omit<HostListener, "fix">;

/** Caddy serves its sites on 80 and 443; so does Pangolin's Traefik unless moved. */
function caddyClash(p: Pangolin, { field, port }: PangolinPort, at: Path): Diagnostic {
  const move =
    p.backend === "native"
      ? `or use a Docker backend with free ports (e.g. httpPort: 8080, httpsPort: 8443) and proxy its domains from Caddy`
      : `or move Pangolin to free ports (e.g. httpPort: 8080, httpsPort: 8443) and proxy its domains from Caddy`;
  const message = `Pangolin's Traefik and Caddy both need port ${port} on this host; put Pangolin on a host of its own, ${move}`;
  return { path: [...at, field], code: "pangolin_caddy_ports", message };
}

/** The host's daemons and apps, then every port the host's stacks publish. */
function otherListeners(host: Host): Listener[] {
  const published = Object.entries(host.stacks).flatMap(([stack, s]) =>
    Object.entries(s.containers).flatMap(([container, c]) =>
      c.ports.map(parsePort).map(({ host: port, protocol }): Listener => ({ port, protocol, owner: `container "${container}" of stack "${stack}"` })),
    ),
  );
  return [...hostListeners(host), ...published];
}

/** Each Pangolin port against the host's other listeners and Pangolin's own; one problem per field. */
function checkPorts(host: Host, p: Pangolin, at: Path): Diagnostic[] {
  const out: Diagnostic[] = [];
  const taken = otherListeners(host);
  const own: PangolinPort[] = [];
  const flagged = new Set<string>();
  for (const mine of pangolinPorts(p)) {
    const same = (l: Listener | PangolinPort) => l.port === mine.port && l.protocol === mine.protocol;
    const other = taken.find(same);
    const twin = own.find(same);
    own.push(mine);
    if (flagged.has(mine.field) || (!other && !twin)) continue;
    flagged.add(mine.field);
    const label = `${mine.protocol.toUpperCase()} port ${mine.port}`;
    if (other?.caddySite) out.push(caddyClash(p, mine, at));
    else if (other) {
      const message = `${label} (${mine.what}) is already used by ${other.owner}; choose another ${mine.field}`;
      out.push({ path: [...at, mine.field], code: "port_clash", message });
    } else {
      const message = `${label} is both ${twin!.what} and ${mine.what}; give them different ports`;
      out.push({ path: [...at, mine.field], code: "port_clash", message });
    }
  }
  return out;
}

/** Docker container and network names are unique per host, and the stack "pangolin" is ours. */
function checkNames(host: Host, p: Pangolin, at: Path): Diagnostic[] {
  const out: Diagnostic[] = [];
  const reserved = new Set<string>(PANGOLIN_CONTAINERS);
  if (Object.hasOwn(host.stacks, PANGOLIN_STACK)) {
    const message = `stack "${PANGOLIN_STACK}" is the name of the stack the pangolin preset creates on this host; rename this stack`;
    out.push({ path: [...at.slice(0, 2), "stacks", PANGOLIN_STACK], code: "name_clash", message });
  }
  for (const [stack, s] of Object.entries(host.stacks)) {
    if (p.backend !== "native" && s.networks && Object.hasOwn(s.networks, PANGOLIN_STACK)) {
      const message = `network "${PANGOLIN_STACK}" is the network of the stack the pangolin preset creates on this host: Docker network names are unique on a host; rename this network`;
      out.push({ path: [...at.slice(0, 2), "stacks", stack, "networks", PANGOLIN_STACK], code: "network_clash", message });
    }
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
  return [...checkPorts(host, p, at), ...checkNames(host, p, at), ...checkNative(p, at)];
}
