// Cross-reference checks for the container stacks of one host: images, environment values,
// dependencies, networks, names and published ports. Docker container names, network names and
// published ports are host-global, so the checks look across all stacks of the host.
import { posix } from "node:path";
import type { Diagnostic } from "../model.ts";
import type { Host } from "../schema/host.ts";
import { type Container, type Stack, floatingTag } from "../schema/stack.ts";
import { quote } from "../quote.ts";
import { isHostPath, parsePort } from "./build-stack.ts";
import { type HostListener, hostListeners, unknownName } from "./check-host.ts";

type Path = (string | number)[];
type Port = ReturnType<typeof parsePort>;

/** `${VAR}`, `${VAR:-x}` or `$VAR`: what compose and shells would expand. */
const INTERPOLATION = /\$(\{[^}]*\}?|[A-Za-z_][A-Za-z0-9_]*)/;

/** One entry of `dependsOn`, with where it sits in the config. */
interface Dependency {
  name: string;
  condition: "started" | "healthy" | "completed";
  path: Path;
  /** The name is a key of the `dependsOn` record (its value is the condition). */
  key?: true;
}

function dependencies(container: Container, at: Path): Dependency[] {
  const { dependsOn } = container;
  return Array.isArray(dependsOn)
    ? dependsOn.map((name, i) => ({ name, condition: "started" as const, path: [...at, "dependsOn", i] }))
    : Object.entries(dependsOn).map(([name, condition]) => ({ name, condition, path: [...at, "dependsOn", name], key: true as const }));
}

/** The container whose network namespace `container` joins, if any. */
function namespaceOwner(container: Container): string | undefined {
  return container.networkMode?.startsWith("service:") ? container.networkMode.slice("service:".length) : undefined;
}

interface Entry {
  stack: string;
  name: string;
  container: Container;
  at: Path;
}

function entries(host: Host, hostAt: Path): Entry[] {
  return Object.entries(host.stacks).flatMap(([stack, s]) =>
    Object.entries(s.containers).map(([name, container]) => ({ stack, name, container, at: [...hostAt, "stacks", stack, "containers", name] })),
  );
}

function checkImage(e: Entry): Diagnostic[] {
  const tag = floatingTag(e.container.image);
  if (tag === undefined || e.container.allowLatest) return [];
  const what = tag === "" ? "has no tag, so it means \"latest\"" : 'is tagged "latest"';
  const message =
    `image "${e.container.image}" ${what}: it changes under you and a rebuild may run a different image; ` +
    'pin a version tag (e.g. "nginx:1.27.3") or a digest ("nginx@sha256:…"), or set allowLatest: true to accept that';
  return [{ path: [...e.at, "image"], code: "floating_image", message }];
}

function checkEnvironment(e: Entry): Diagnostic[] {
  return Object.entries(e.container.environment)
    .filter(([, value]) => INTERPOLATION.test(value))
    .map(([key, value]) => ({
      path: [...e.at, "environment", key],
      code: "env_interpolation",
      message:
        `environment value "${value}" asks to interpolate ${INTERPOLATION.exec(value)![0]}, which gen-nix does not do: values ` +
        "are written literally, and a secret is never baked into a .nix file (the Nix store is world-readable): " +
        'put it in an environmentFiles file (secret.file("/run/secrets/<name>.env"))',
    }));
}

/**
 * A reference to another container: it must exist, in the same stack. `key`: the name is a
 * record key (dependsOn's object form), so the problem is marked on the key.
 */
function checkTarget(e: Entry, target: string, path: Path, byName: Map<string, Entry>, stack: Stack, key?: true): Diagnostic | undefined {
  const found = byName.get(target);
  if (found && found.stack === e.stack) return undefined;
  if (found) {
    const message =
      `container "${target}" is in stack "${found.stack}", not "${e.stack}": a container can only reference containers ` +
      "of its own stack (compose projects do not see each other); move one of them";
    return { path, code: "foreign_container", message, ...(key && { key }) };
  }
  const unknown = unknownName(path, "unknown_container", "container", target, Object.keys(stack.containers), `containers in stack "${e.stack}"`);
  return key ? { ...unknown, key } : unknown;
}

function checkReferences(e: Entry, stack: Stack, byName: Map<string, Entry>): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const dep of dependencies(e.container, e.at)) {
    const problem = checkTarget(e, dep.name, dep.path, byName, stack, dep.key);
    if (problem) {
      out.push(problem);
      continue;
    }
    const target = stack.containers[dep.name]!;
    if (dep.condition === "healthy" && !target.healthcheck) {
      const message = `"${e.name}" waits for "${dep.name}" to be healthy, but "${dep.name}" has no healthcheck: add one, or wait for "started"`;
      out.push({ path: dep.path, code: "no_healthcheck", message });
    }
    if (dep.condition === "healthy" && awaitedToComplete(stack, dep.name)) {
      const message =
        `"${e.name}" waits for "${dep.name}" to be healthy while another container waits for it to complete: a container ` +
        "that runs to completion is gone once it is done; wait for one or the other";
      out.push({ path: dep.path, code: "conflicting_waits", message });
    }
    if (dep.condition === "completed" && (target.restart === "always" || target.restart === "unless-stopped")) {
      const message =
        `"${e.name}" waits for "${dep.name}" to complete, but "${dep.name}" has restart "${target.restart}" and would be ` +
        'started again after it exits: set its restart to "no" or "on-failure"';
      out.push({ path: dep.path, code: "completed_restarts", message });
    }
  }
  const owner = namespaceOwner(e.container);
  if (owner !== undefined) {
    const problem = checkTarget(e, owner, [...e.at, "networkMode"], byName, stack);
    if (problem) out.push(problem);
  }
  return out;
}

/** Whether a container of the stack waits for `name` to complete (asked only of healthy waits). */
const awaitedToComplete = (stack: Stack, name: string): boolean =>
  Object.values(stack.containers).some((c) => dependencies(c, []).some((d) => d.name === name && d.condition === "completed"));

function checkNetworkMode(e: Entry, networks: string[]): Diagnostic[] {
  const c = e.container;
  const out: Diagnostic[] = [];
  if (c.networkMode !== undefined) {
    const owner = namespaceOwner(c);
    const where = owner ? `shares the network namespace of "${owner}"` : `uses networkMode "${c.networkMode}"`;
    if (c.networks !== undefined) {
      const fix = owner ? `put the networks on "${owner}"` : "remove networks";
      out.push({ path: [...e.at, "networks"], code: "network_mode_conflict", message: `"${e.name}" ${where}, so it cannot join networks: ${fix}` });
    }
    if (c.ports.length > 0) {
      const fix = owner ? `publish them on "${owner}", which owns the namespace` : c.networkMode === "host" ? "the container listens on the host's ports directly; remove ports" : "remove ports";
      out.push({ path: [...e.at, "ports"], code: "network_mode_conflict", message: `"${e.name}" ${where}, so it cannot publish ports: ${fix}` });
    }
  }
  (c.networks ?? []).forEach((network, i) => {
    if (networks.includes(network)) return;
    out.push(unknownName([...e.at, "networks", i], "unknown_network", "network", network, networks, `networks of stack "${e.stack}"`));
  });
  return out;
}

/** Docker's rule for volume names (and compose's for the keys of `volumes:`). */
const VOLUME_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
const CONTROL = /\p{Cc}/u;

function checkVolumes(e: Entry): Diagnostic[] {
  const out: Diagnostic[] = [];
  e.container.volumes.forEach((volume, i) => {
    const [source, target] = typeof volume === "string" ? volume.split(":") as [string, string] : [volume.source, volume.target];
    const at = (field: "source" | "target") => (typeof volume === "string" ? [...e.at, "volumes", i] : [...e.at, "volumes", i, field]);
    for (const [field, text] of [["source", source], ["target", target]] as const) {
      if (!CONTROL.test(text)) continue;
      const message = `volume ${field} ${quote(text)} contains a control character (a newline or tab?); a path is one line: remove it`;
      out.push({ path: at(field), code: "invalid_volume", message });
    }
    if (!isHostPath(source) && !VOLUME_NAME.test(source)) {
      const message =
        `volume source ${quote(source)} is neither a host path nor a volume name: a host path starts with "/" or "./", ` +
        "a named volume is letters, digits, '_', '.' or '-' (starting with a letter or digit)";
      out.push({ path: at("source"), code: "invalid_volume", message });
    }
    if (!source.startsWith(".")) return;
    const normal = posix.normalize(source);
    if (normal !== ".." && !normal.startsWith("../")) return;
    const message =
      `volume source "${source}" leads outside the stack directory: relative sources resolve inside it; ` +
      'use an absolute host path (e.g. "/srv/data") or a path below "./"';
    out.push({ path: [...e.at, "volumes", i], code: "volume_escape", message });
  });
  return out;
}

/** Cycles through dependsOn and `service:` namespaces; each reported once, at its first container. */
function checkCycles(stackName: string, stack: Stack, at: Path): Diagnostic[] {
  const edges = (name: string): string[] => {
    const c = stack.containers[name];
    if (!c) return [];
    const deps = dependencies(c, []).map((d) => d.name);
    const owner = namespaceOwner(c);
    return [...deps, ...(owner ? [owner] : [])].filter((d) => Object.hasOwn(stack.containers, d));
  };
  const out: Diagnostic[] = [];
  const done = new Set<string>();
  const visit = (name: string, trail: string[]): void => {
    const open = trail.indexOf(name);
    if (open >= 0) {
      const cycle = [...trail.slice(open), name];
      const message = `dependency cycle: ${cycle.join(" → ")}; the containers could never start: remove one of these dependencies`;
      out.push({ path: [...at, "stacks", stackName, "containers", cycle[0]!, "dependsOn"], code: "dependency_cycle", message });
      return;
    }
    if (done.has(name)) return;
    for (const next of edges(name)) visit(next, [...trail, name]);
    done.add(name);
  };
  for (const name of Object.keys(stack.containers)) visit(name, []);
  return out;
}

/** Docker names are host-global: containers and networks must be unique across stacks. */
function checkNames(host: Host, all: Entry[], at: Path): Diagnostic[] {
  const out: Diagnostic[] = [];
  const containers = new Map<string, string>();
  for (const e of all) {
    const first = containers.get(e.name);
    if (first === undefined) containers.set(e.name, e.stack);
    else {
      const message = `container name "${e.name}" is already used in stack "${first}": Docker container names are unique on a host; rename one`;
      out.push({ path: e.at, code: "duplicate_container", message });
    }
  }
  const networks = new Map<string, string>();
  for (const [stackName, stack] of Object.entries(host.stacks)) {
    const declared = stack.networks ? Object.keys(stack.networks) : [stackName];
    for (const network of declared) {
      const first = networks.get(network);
      if (first === undefined) networks.set(network, stackName);
      else {
        const path = stack.networks ? [...at, "stacks", stackName, "networks", network] : [...at, "stacks", stackName];
        const what = stack.networks ? `network "${network}"` : `the default network "${network}"`;
        const message = `${what} is already declared by stack "${first}": Docker network names are unique on a host; give the stack networks of its own`;
        out.push({ path, code: "network_clash", message });
      }
    }
  }
  for (const e of all) {
    const network = e.name.startsWith("network-") && networks.get(e.name.slice("network-".length));
    const compose = e.name.startsWith("compose-") && host.stacks[e.name.slice("compose-".length)]?.backend === "compose";
    if (!network && !compose) continue;
    const unit = network ? `the unit of network "${e.name.slice("network-".length)}"` : `the unit of compose stack "${e.name.slice("compose-".length)}"`;
    const message = `container "${e.name}" would run as unit docker-${e.name}, which is ${unit}: rename the container`;
    out.push({ path: e.at, code: "unit_clash", message });
  }
  return out;
}

/** Whether two bind addresses can both be bound for one port: no when one covers the other. */
function overlaps(a: string | undefined, b: string | undefined): boolean {
  const all = (x: string | undefined) => x === undefined || x === "" || x === "::";
  if (all(a) || all(b) || a === b) return true;
  const anyV4 = (x: string, y: string) => x === "0.0.0.0" && !y.includes(":");
  return anyV4(a!, b!) || anyV4(b!, a!);
}

function checkPorts(host: Host, all: Entry[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  const listeners = hostListeners(host);
  const published: { port: Port; owner: string }[] = [];
  for (const e of all) {
    e.container.ports.forEach((spec, i) => {
      const port = parsePort(spec);
      const path = [...e.at, "ports", i];
      const label = `${port.host}/${port.protocol}`;
      const daemon: HostListener | undefined = listeners.find((l) => l.port === port.host && l.protocol === port.protocol);
      const other = published.find((p) => p.port.host === port.host && p.port.protocol === port.protocol && overlaps(p.port.bind, port.bind));
      if (daemon) {
        out.push({ path, code: "reserved_port", message: `port ${label} is taken by ${daemon.owner} on this host: ${daemon.fix}` });
      } else if (other) {
        const message = `port ${label} is already published by container "${other.owner}" on an overlapping address: use another host port or bind address`;
        out.push({ path, code: "port_clash", message });
      }
      published.push({ port, owner: e.name });
    });
  }
  return out;
}

/** Every stack problem on host `name`. */
export function checkStacks(name: string, host: Host): Diagnostic[] {
  // Most hosts have no stacks: nothing to check, and no need to list the host's listeners.
  if (Object.keys(host.stacks).length === 0) return [];
  const at = ["hosts", name];
  const all = entries(host, at);
  const byName = new Map<string, Entry>();
  for (const e of all) if (!byName.has(e.name)) byName.set(e.name, e);
  const perContainer = all.flatMap((e) => {
    const stack = host.stacks[e.stack]!;
    const networks = stack.networks ? Object.keys(stack.networks) : [e.stack];
    return [...checkImage(e), ...checkEnvironment(e), ...checkReferences(e, stack, byName), ...checkNetworkMode(e, networks), ...checkVolumes(e)];
  });
  const cycles = Object.entries(host.stacks).flatMap(([stackName, stack]) => checkCycles(stackName, stack, at));
  return [...perContainer, ...cycles, ...checkNames(host, all, at), ...checkPorts(host, all)];
}

