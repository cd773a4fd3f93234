/**
 * `hosts/<host>/stacks/<stack>.nix` for the default backend: one
 * `virtualisation.oci-containers.containers.<name>` per container, each run by the unit
 * `docker-<name>`, plus a oneshot unit per network. Option names follow nixpkgs'
 * nixos/modules/virtualisation/oci-containers.nix as of nixos-26.05 (which has `networks`,
 * `capabilities`, `devices` and `privileged`); what it has no option for goes to `extraOptions`.
 */
import { n } from "../ast/build.ts";
import type { Binding, Expr } from "../ast/nodes.ts";
import type { ContainerModel, HostModel, StackModel } from "@gen-nix/dsl";
import { type GeneratedFile, moduleFile } from "./file.ts";
import { secretPath } from "./secret.ts";
import { commonBindings, filesUnit, portSpec, shellWord, stackFiles, stacksDir, usedNetworks, volumeName, volumeSpec } from "./stack-common.ts";

const networkUnit = (network: string): string => `docker-network-${network}`;

/** Docker's durations ("1m30s", "500ms") in whole seconds, rounded up. */
function seconds(duration: string | undefined, fallback: number): number {
  if (duration === undefined) return fallback;
  const unit = { ns: 1e-9, us: 1e-6, ms: 1e-3, s: 1, m: 60, h: 3600 } as const;
  let total = 0;
  for (const [, value, u] of duration.matchAll(/(\d+)(ns|us|ms|s|m|h)/g)) total += Number(value) * unit[u as keyof typeof unit];
  return Math.ceil(total);
}

/**
 * How long a dependent waits for `dep` to turn healthy: Docker decides within the start period
 * plus `retries` rounds of interval and timeout (defaults 30s, 30s, 3); one round more for the
 * first check, and five minutes for pulling the image.
 */
function healthBudget(dep: ContainerModel): number {
  const h = dep.healthcheck!;
  const round = seconds(h.interval, 30) + seconds(h.timeout, 30);
  return seconds(h.startPeriod, 0) + ((h.retries ?? 3) + 1) * round + 300;
}

/** A `docker run` health command is one shell string; an argv test is quoted word by word. */
function healthOptions(c: ContainerModel): string[] {
  const h = c.healthcheck;
  if (!h) return [];
  const [form, ...test] = h.test;
  const cmd = form === "CMD-SHELL" ? test.join(" ") : test.map(shellWord).join(" ");
  return [
    `--health-cmd=${cmd}`,
    ...(h.interval ? [`--health-interval=${h.interval}`] : []),
    ...(h.timeout ? [`--health-timeout=${h.timeout}`] : []),
    ...(h.retries !== undefined ? [`--health-retries=${h.retries}`] : []),
    ...(h.startPeriod ? [`--health-start-period=${h.startPeriod}`] : []),
  ];
}

function extraOptions(c: ContainerModel): string[] {
  const mode = c.networkMode;
  const network = mode === undefined ? [] : [`--network=${mode.kind === "service" ? `container:${mode.name}` : mode.kind}`];
  return [...network, ...c.dns.map((server) => `--dns=${server}`), ...healthOptions(c)];
}

/** Docker's --entrypoint takes one program; its arguments go in front of the command. */
function entrypointAndCmd(c: ContainerModel): { entrypoint?: string; cmd: string[] } {
  if (c.entrypoint === undefined) return { cmd: c.command ?? [] };
  const [program = "", ...args] = c.entrypoint;
  return { entrypoint: program, cmd: [...args, ...(c.command ?? [])] };
}

function dependsOn(c: ContainerModel): string[] {
  const owner = c.networkMode?.kind === "service" ? [c.networkMode.name] : [];
  return [...new Set([...c.dependsOn.map((d) => d.name), ...owner])];
}

function container(stack: StackModel, c: ContainerModel): Expr {
  const { entrypoint, cmd } = entrypointAndCmd(c);
  const caps = [...c.capAdd.map((cap) => [cap, true] as const), ...c.capDrop.map((cap) => [cap, false] as const)];
  const extra = extraOptions(c);
  const deps = dependsOn(c);
  return n.set([
    n.assign("image", c.image),
    ...(entrypoint !== undefined ? [n.assign("entrypoint", entrypoint)] : []),
    ...(cmd.length > 0 ? [n.assign("cmd", cmd)] : []),
    ...(c.user !== undefined ? [n.assign("user", c.user)] : []),
    ...(c.environment.length > 0 ? [n.assign("environment", n.set(c.environment.map(([k, v]) => n.assign([k], v))))] : []),
    ...(c.environmentFiles.length > 0 ? [n.assign("environmentFiles", c.environmentFiles.map(secretPath))] : []),
    ...(c.ports.length > 0 ? [n.assign("ports", c.ports.map(portSpec))] : []),
    ...(c.volumes.length > 0 ? [n.assign("volumes", c.volumes.map((v) => volumeSpec(v, v.kind === "volume" ? volumeName(stack, v.source) : v.source)))] : []),
    ...(c.networks.length > 0 ? [n.assign("networks", c.networks)] : []),
    ...(deps.length > 0 ? [n.assign("dependsOn", deps)] : []),
    ...(caps.length > 0 ? [n.assign("capabilities", n.set(caps.map(([cap, on]) => n.assign([cap], on))))] : []),
    ...(c.devices.length > 0 ? [n.assign("devices", c.devices)] : []),
    ...(c.privileged ? [n.assign("privileged", true)] : []),
    ...(c.labels.length > 0 ? [n.assign("labels", n.set(c.labels.map(([k, v]) => n.assign([k], v))))] : []),
    ...(extra.length > 0 ? [n.assign("extraOptions", extra)] : []),
  ]);
}

/** Whether some container of the stack waits for `c` to run to completion. */
const awaitedToComplete = (stack: StackModel, c: ContainerModel): boolean =>
  stack.containers.some((other) => other.dependsOn.some((d) => d.name === c.name && d.condition === "completed"));

/** What the unit `docker-<name>` needs beyond what oci-containers writes, or undefined. */
function unitOverrides(stack: StackModel, c: ContainerModel): Expr | undefined {
  const files = filesUnit(stack);
  const before = [...c.networks.map((net) => `${networkUnit(net)}.service`), ...(files ? [`${files}.service`] : [])];
  const healthy = c.dependsOn.filter((d) => d.condition === "healthy");
  const service: Binding[] = [];
  if (awaitedToComplete(stack, c)) {
    // Dependents start only once this container has exited 0 (and fail if it did not).
    service.push(n.assign("Type", "oneshot"), n.assign("RemainAfterExit", true));
  }
  if (healthy.length > 0) {
    const waits = healthy.map((d) => n.str(n.ident("waitHealthy"), ` ${d.name} ${healthBudget(stack.containers.find((x) => x.name === d.name)!)}`));
    service.push(n.assign("ExecStartPre", waits));
  }
  if (c.restart === "no" || c.restart === "on-failure") {
    const comments = ["oci-containers runs the container with --rm and lets systemd restart it (Restart = \"always\")."];
    service.push(n.assign("Restart", n.apply("lib.mkForce", c.restart), { comments }));
  }
  if (before.length === 0 && service.length === 0) return undefined;
  return n.set([
    ...(before.length > 0 ? [n.assign("after", before), n.assign("requires", before)] : []),
    ...(service.length > 0 ? [n.assign("serviceConfig", n.set(service))] : []),
  ]);
}

function networkService(net: StackModel["networks"][number]): Expr {
  const flags = [...(net.ipv6 ? ["--ipv6"] : []), ...(net.internal ? ["--internal"] : [])];
  const create = ["docker network create", ...flags, shellWord(net.name)].join(" ");
  return n.set([
    n.assign("description", `Docker network ${net.name}`),
    n.assign("after", ["docker.service"]),
    n.assign("requires", ["docker.service"]),
    n.assign("path", [n.ref("config.virtualisation.docker.package")]),
    n.assign("serviceConfig", { Type: "oneshot", RemainAfterExit: true }),
    n.assign("script", `docker network inspect ${shellWord(net.name)} >/dev/null 2>&1 || ${create}`),
  ]);
}

/** Polls `docker inspect` (the unit's PATH has docker) until the health check passes. */
const WAIT_HEALTHY = [
  "for _ in $(seq \"$2\"); do",
  "  case \"$(docker inspect --format '{{.State.Health.Status}}' \"$1\" 2>/dev/null)\" in",
  "    healthy) exit 0 ;;",
  "    unhealthy) echo \"$1 is unhealthy\" >&2; exit 1 ;;",
  "  esac",
  "  sleep 1",
  "done",
  "echo \"$1 did not become healthy within $2 seconds\" >&2",
  "exit 1",
  "",
].join("\n");

export function emitStackOci(host: HostModel, stack: StackModel): [GeneratedFile, ...GeneratedFile[]] {
  const networks = usedNetworks(stack).map((net, i) =>
    n.assign(["systemd", "services", networkUnit(net.name)], networkService(net), i === 0 ? { blankBefore: true, comments: ["Created once, kept across restarts."] } : { blankBefore: true }),
  );
  const containers = stack.containers.flatMap((c) => {
    const overrides = unitOverrides(stack, c);
    return [
      n.assign(["virtualisation", "oci-containers", "containers", c.name], container(stack, c), { blankBefore: true }),
      ...(overrides ? [n.assign(["systemd", "services", `docker-${c.name}`], overrides)] : []),
    ];
  });
  const body = n.set([
    ...commonBindings(stack),
    n.assign("virtualisation.oci-containers.backend", "docker", { blankBefore: true, comments: ["oci-containers defaults to podman since stateVersion 22.05."] }),
    ...networks,
    ...containers,
  ]);
  const waits = stack.containers.some((c) => c.dependsOn.some((d) => d.condition === "healthy"));
  const withWait = waits
    ? n.let([n.assign("waitHealthy", n.apply("pkgs.writeShellScript", "wait-healthy", n.lines(WAIT_HEALTHY)), { comments: ["Waits up to $2 seconds for container $1 to pass its health check."] })], body)
    : body;
  return [moduleFile(`${stacksDir(host)}/${stack.name}.nix`, withWait), ...stackFiles(host, stack)];
}
