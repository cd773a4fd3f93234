// Expands a host's `pangolin` into the model: the resolved options and, for the Docker backends,
// the stack Pangolin's installer writes to docker-compose.yml (install/config/docker-compose.yml).
import type { ContainerModel, PangolinModel, StackModel, StateModel } from "../model.ts";
import { BADGER_VERSION, PANGOLIN_IMAGES, type Pangolin } from "../schema/pangolin.ts";
import { secretRef } from "./build-secrets.ts";
import { pangolinConfig, traefikDynamicConfig, traefikStaticConfig } from "./pangolin-files.ts";

/** The stack's name, which is also the compose project name and its network's name. */
export const PANGOLIN_STACK = "pangolin";
/** Container names the stack takes on the host (also the native backend's unit names). */
export const PANGOLIN_CONTAINERS = ["pangolin", "gerbil", "traefik"] as const;

/** A host port Pangolin takes, with the option that sets it. */
export interface PangolinPort {
  field: "httpPort" | "httpsPort" | "wireguardPort" | "clientsPort";
  port: number;
  protocol: "tcp" | "udp";
  what: string;
}

/** Traefik answers HTTP/3 on the HTTPS port unless told not to; nixpkgs' module leaves it off. */
const http3Of = (p: Pangolin): boolean => p.http3 ?? p.backend !== "native";

/** Every host port Pangolin takes: the firewall opens them, and nothing else may use them. */
export function pangolinPorts(p: Pangolin): PangolinPort[] {
  return [
    { field: "httpPort", port: p.httpPort, protocol: "tcp", what: "Pangolin's HTTP entry point" },
    { field: "httpsPort", port: p.httpsPort, protocol: "tcp", what: "Pangolin's HTTPS entry point" },
    ...(http3Of(p) ? [{ field: "httpsPort" as const, port: p.httpsPort, protocol: "udp" as const, what: "Pangolin's HTTP/3" }] : []),
    ...(p.gerbil
      ? [
          { field: "wireguardPort" as const, port: p.wireguardPort, protocol: "udp" as const, what: "Gerbil's site tunnels" },
          { field: "clientsPort" as const, port: p.clientsPort, protocol: "udp" as const, what: "Gerbil's client relay" },
        ]
      : []),
  ];
}

/** Options with every default spelled out. */
export function resolvePangolin(p: Pangolin): PangolinModel {
  const ports = pangolinPorts(p);
  const sorted = (protocol: "tcp" | "udp"): number[] =>
    [...new Set(ports.filter((x) => x.protocol === protocol).map((x) => x.port))].sort((a, b) => a - b);
  return {
    backend: p.backend,
    baseDomain: p.baseDomain,
    dashboardDomain: p.dashboardDomain ?? `pangolin.${p.baseDomain}`,
    email: p.email,
    environmentFile: secretRef(p.environmentFile),
    ...(p.smtp && { smtp: p.smtp }),
    gerbil: p.gerbil,
    httpPort: p.httpPort,
    httpsPort: p.httpsPort,
    http3: http3Of(p),
    wireguardPort: p.wireguardPort,
    clientsPort: p.clientsPort,
    logLevel: p.logLevel,
    telemetry: p.telemetry,
    images: { ...PANGOLIN_IMAGES, ...p.images },
    badgerVersion: p.badgerVersion ?? BADGER_VERSION,
    directory: p.directory,
    ports: { tcp: sorted("tcp"), udp: sorted("udp") },
    // Gerbil routes WireGuard traffic between peers and Pangolin, and needs the kernel module.
    sysctl: p.gerbil ? [["net.ipv4.ip_forward", 1]] : [],
    kernelModules: p.gerbil ? ["wireguard"] : [],
  };
}

/** What a backup of a Pangolin host must copy. */
export function pangolinState(p: PangolinModel): StateModel {
  const what =
    "Pangolin: config/db (SQLite database), config/key (Gerbil's WireGuard key), config/letsencrypt (certificates)";
  return { path: p.directory, what };
}

/** Fields every container of the stack shares; each container overrides what it needs. */
function container(name: string, image: string): ContainerModel {
  return {
    name,
    image,
    environment: [],
    environmentFiles: [],
    ports: [],
    volumes: [],
    dependsOn: [],
    restart: "unless-stopped",
    capAdd: [],
    capDrop: [],
    devices: [],
    networks: [PANGOLIN_STACK],
    dns: [],
    labels: [],
    privileged: false,
  };
}

const bind = (source: string, target: string, readOnly = false) => ({ kind: "bind" as const, source, target, readOnly });
const tcp = (port: number, inside: number) => ({ host: port, container: inside, protocol: "tcp" as const });
const udp = (port: number, inside: number) => ({ host: port, container: inside, protocol: "udp" as const });

/** Traefik's entry points, published by whichever container owns the network namespace. */
function webPorts(p: PangolinModel): ContainerModel["ports"] {
  return [tcp(p.httpsPort, 443), ...(p.http3 ? [udp(p.httpsPort, 443)] : []), tcp(p.httpPort, 80)];
}

function pangolinContainer(p: PangolinModel, config: string): ContainerModel {
  return {
    ...container("pangolin", p.images.pangolin),
    environmentFiles: [p.environmentFile],
    volumes: [bind(config, "/app/config")],
    healthcheck: { test: ["CMD", "curl", "-f", "http://localhost:3001/api/v1/"], interval: "10s", timeout: "10s", retries: 15 },
  };
}

function gerbilContainer(p: PangolinModel, config: string): ContainerModel {
  return {
    ...container("gerbil", p.images.gerbil),
    dependsOn: [{ name: "pangolin", condition: "healthy" }],
    command: [
      "--reachableAt=http://gerbil:3004",
      "--generateAndSaveKeyTo=/var/config/key",
      "--remoteConfig=http://pangolin:3001/api/v1/",
    ],
    volumes: [bind(config, "/var/config")],
    capAdd: ["NET_ADMIN", "SYS_MODULE"],
    devices: ["/dev/net/tun:/dev/net/tun"],
    ports: [udp(p.wireguardPort, p.wireguardPort), udp(p.clientsPort, p.clientsPort), ...webPorts(p)],
  };
}

function traefikContainer(p: PangolinModel, config: string): ContainerModel {
  const base = container("traefik", p.images.traefik);
  // With Gerbil, Traefik lives in Gerbil's network namespace, so the ports appear on gerbil.
  const network = p.gerbil
    ? { networks: [], networkMode: { kind: "service" as const, name: "gerbil" } }
    : { ports: webPorts(p) };
  return {
    ...base,
    ...network,
    dependsOn: [{ name: "pangolin", condition: "healthy" }],
    command: ["--configFile=/etc/traefik/traefik_config.yml"],
    volumes: [
      bind(`${config}/traefik`, "/etc/traefik", true),
      bind(`${config}/letsencrypt`, "/letsencrypt"),
      bind(`${config}/traefik/logs`, "/var/log/traefik"),
    ],
  };
}

/** The stack "pangolin" of a Docker backend, equivalent to the installer's compose file. */
export function buildPangolinStack(p: PangolinModel): StackModel {
  const config = `${p.directory}/config`;
  return {
    name: PANGOLIN_STACK,
    backend: p.backend === "compose" ? "compose" : "oci-containers",
    directory: p.directory,
    networks: [{ name: PANGOLIN_STACK, ipv6: false, internal: false }],
    containers: [
      pangolinContainer(p, config),
      ...(p.gerbil ? [gerbilContainer(p, config)] : []),
      traefikContainer(p, config),
    ],
    files: [
      { path: "config/config.yml", content: { yaml: pangolinConfig(p) } },
      { path: "config/traefik/traefik_config.yml", content: { yaml: traefikStaticConfig(p) } },
      { path: "config/traefik/dynamic_config.yml", content: { yaml: traefikDynamicConfig(p) } },
    ],
    sysctl: p.sysctl,
    kernelModules: p.kernelModules,
  };
}
