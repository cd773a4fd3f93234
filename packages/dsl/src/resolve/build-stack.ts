// Normalises a validated stack: short forms ("8080:80/udp", "./config:/app/config:ro") become
// objects, relative paths become absolute, defaults are spelled out.
import { posix } from "node:path";
import type { ContainerModel, StackModel } from "../model.ts";
import type { Container, Stack } from "../schema/stack.ts";
import { secretRef } from "./build-secrets.ts";

type Port = ContainerModel["ports"][number];
type Volume = ContainerModel["volumes"][number];

/** "127.0.0.1:8080:80/udp" → { bind, host, container, protocol }; the schema checked the shape. */
export function parsePort(port: Container["ports"][number]): Port {
  if (typeof port !== "string") return port;
  const [mapping = "", protocol = "tcp"] = port.split("/");
  const cut = mapping.lastIndexOf(":");
  const container = Number(mapping.slice(cut + 1));
  const front = mapping.slice(0, cut);
  const hostCut = front.lastIndexOf(":");
  const host = Number(front.slice(hostCut + 1));
  const bind = hostCut < 0 ? undefined : front.slice(0, hostCut).replace(/^\[(.*)\]$/, "$1");
  return { host, container, protocol: protocol === "udp" ? "udp" : "tcp", ...(bind !== undefined && { bind }) };
}

/**
 * Whether a published port stays on the host itself (bound to a loopback address), so it is
 * neither opened in the firewall nor an exposure worth auditing.
 */
export const isLoopbackBind = (bind: string | undefined): boolean =>
  bind !== undefined && (bind.startsWith("127.") || bind === "::1");

/** Whether a volume source names a host path rather than a named volume. */
export const isHostPath = (source: string): boolean => source.startsWith("/") || source.startsWith(".");

/** "./config:/app/config:ro" → a bind of <directory>/config, read-only. */
function parseVolume(volume: Container["volumes"][number], directory: string): Volume {
  const { source, target, readOnly } =
    typeof volume === "string" ? splitVolume(volume) : volume;
  if (!isHostPath(source)) return { kind: "volume", source, target, readOnly };
  const path = posix.normalize(posix.join(source.startsWith("/") ? "/" : directory, source));
  return { kind: "bind", source: path.length > 1 ? path.replace(/\/$/, "") : path, target, readOnly };
}

function splitVolume(text: string): { source: string; target: string; readOnly: boolean } {
  const [source = "", target = "", mode] = text.split(":");
  return { source, target, readOnly: mode === "ro" };
}

/** A string command is split on whitespace, as compose does for simple commands. */
export const argv = (command: string[] | string): string[] =>
  typeof command === "string" ? command.split(/\s+/).filter((word) => word !== "") : command;

function dependencies(dependsOn: Container["dependsOn"]): ContainerModel["dependsOn"] {
  return Array.isArray(dependsOn)
    ? dependsOn.map((name) => ({ name, condition: "started" as const }))
    : Object.entries(dependsOn).map(([name, condition]) => ({ name, condition }));
}

function networkMode(mode: string | undefined): ContainerModel["networkMode"] {
  if (mode === undefined) return undefined;
  if (mode === "host" || mode === "none") return { kind: mode };
  return { kind: "service", name: mode.slice("service:".length) };
}

function healthcheck(check: NonNullable<Container["healthcheck"]>): NonNullable<ContainerModel["healthcheck"]> {
  const { test, ...timing } = check;
  return { test: typeof test === "string" ? ["CMD-SHELL", test] : ["CMD", ...test], ...timing };
}

function buildContainer(name: string, c: Container, stack: { directory: string; defaultNetwork: string }): ContainerModel {
  const mode = networkMode(c.networkMode);
  return {
    name,
    image: c.image,
    ...(c.entrypoint !== undefined && { entrypoint: argv(c.entrypoint) }),
    ...(c.command !== undefined && { command: argv(c.command) }),
    environment: Object.entries(c.environment),
    environmentFiles: c.environmentFiles.map(secretRef),
    ports: c.ports.map(parsePort),
    volumes: c.volumes.map((volume) => parseVolume(volume, stack.directory)),
    dependsOn: dependencies(c.dependsOn),
    ...(c.healthcheck !== undefined && { healthcheck: healthcheck(c.healthcheck) }),
    restart: c.restart,
    capAdd: c.capAdd,
    capDrop: c.capDrop,
    devices: c.devices,
    networks: mode ? [] : (c.networks ?? [stack.defaultNetwork]),
    ...(mode !== undefined && { networkMode: mode }),
    dns: c.dns,
    labels: Object.entries(c.labels),
    privileged: c.privileged,
    ...(c.user !== undefined && { user: c.user }),
  };
}

/** The stack `name` of a validated config. */
export function buildStack(name: string, stack: Stack): StackModel {
  const directory = stack.directory ?? `/var/lib/${name}`;
  const networks = Object.entries(stack.networks ?? { [name]: { ipv6: false, internal: false } });
  const defaultNetwork = networks[0]?.[0] ?? name;
  return {
    name,
    backend: stack.backend,
    directory,
    networks: networks.map(([network, options]) => ({ name: network, ...options })),
    containers: Object.entries(stack.containers).map(([container, c]) =>
      buildContainer(container, c, { directory, defaultNetwork }),
    ),
    files: [],
    sysctl: [],
    kernelModules: [],
  };
}
