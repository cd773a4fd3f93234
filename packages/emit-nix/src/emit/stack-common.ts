/**
 * What both stack backends write the same way: Docker itself, kernel settings, the firewall, the
 * stack directory and the stack's files, which are copied into it before any container starts.
 */
import { n } from "../ast/build.ts";
import type { Binding, Expr } from "../ast/nodes.ts";
import type { ContainerModel, HostModel, StackModel } from "@gen-nix/dsl";
import { isLoopbackBind } from "@gen-nix/dsl";
import { toYaml } from "./compose-yaml.ts";
import type { GeneratedFile } from "./file.ts";

/** `hosts/<host>/stacks`: the stack's module is `<stack>.nix` here, its files under `<stack>/`. */
export const stacksDir = (host: HostModel): string => `hosts/${host.name}/stacks`;

/** Characters a Nix path literal may hold. */
const PATH_LITERAL = /^[A-Za-z0-9._+-]+(\/[A-Za-z0-9._+-]+)*$/;

/** `./<stack>/<path>`: a file written beside the stack's module. */
export function besideModule(stack: StackModel, path: string): Expr {
  const rel = `${stack.name}/${path}`;
  if (!PATH_LITERAL.test(rel) || rel.split("/").includes("..")) throw new Error(`(bug) stack file path "${rel}" is not a plain relative path`);
  return n.path(`./${rel}`);
}

/** A word for a shell command line: quoted only when it needs to be. */
export function shellWord(word: string): string {
  return /^[A-Za-z0-9_\/.@%+=:,-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;
}

/** The stack's files, serialised, at `hosts/<host>/stacks/<stack>/<path>`. */
export function stackFiles(host: HostModel, stack: StackModel): GeneratedFile[] {
  return stack.files.map((file) => ({
    path: `${stacksDir(host)}/${stack.name}/${file.path}`,
    content: "yaml" in file.content ? toYaml(file.content.yaml) : file.content.text,
  }));
}

/** Unit that copies the stack's files into its directory, or undefined when there are none. */
export const filesUnit = (stack: StackModel): string | undefined => (stack.files.length > 0 ? `${stack.name}-files` : undefined);

function openPorts(containers: ContainerModel[], protocol: "tcp" | "udp"): number[] {
  const ports = containers.flatMap((c) => c.ports.filter((p) => p.protocol === protocol && !isLoopbackBind(p.bind)).map((p) => p.host));
  return [...new Set(ports)].sort((a, b) => a - b);
}

function firewall(stack: StackModel): Binding[] {
  const tcp = openPorts(stack.containers, "tcp");
  const udp = openPorts(stack.containers, "udp");
  const comments = [
    "Published ports. Docker's own iptables rules let them past the NixOS firewall whatever",
    "it says; they are listed here so the firewall states what is reachable.",
  ];
  const lists: [string, number[]][] = [["allowedTCPPorts", tcp], ["allowedUDPPorts", udp]];
  return lists
    .filter(([, ports]) => ports.length > 0)
    .map(([option, ports], i) => n.assign(["networking", "firewall", option], ports, i === 0 ? { blankBefore: true, comments } : {}));
}

function kernel(stack: StackModel): Binding[] {
  const sysctl = stack.sysctl.map(([key, value], i) =>
    n.assign(["boot", "kernel", "sysctl", key], value, i === 0 ? { blankBefore: true } : {}),
  );
  const modules = stack.kernelModules.length > 0 ? [n.assign("boot.kernelModules", stack.kernelModules, sysctl.length === 0 ? { blankBefore: true } : {})] : [];
  return [...sysctl, ...modules];
}

function directory(stack: StackModel): Binding {
  return n.assign(
    ["systemd", "tmpfiles", "settings", `10-${stack.name}`, stack.directory, "d"],
    { user: "root", group: "root", mode: "0750" },
    { blankBefore: true, comments: ["The stack's directory: relative volume sources and the stack's files live here."] },
  );
}

function files(stack: StackModel): Binding[] {
  const unit = filesUnit(stack);
  if (unit === undefined) return [];
  const lines = stack.files.flatMap((file) => [
    "install -D -m 0644 ",
    besideModule(stack, file.path),
    ` ${shellWord(`${stack.directory}/${file.path}`)}\n`,
  ]);
  const service = n.set([
    n.assign("description", `Files of the ${stack.name} stack`),
    n.assign("serviceConfig", { Type: "oneshot", RemainAfterExit: true }),
    n.assign("script", n.lines(...lines)),
  ]);
  const comments = ["Copied, not linked: a container cannot follow a link into /nix/store."];
  return [n.assign(["systemd", "services", unit], service, { blankBefore: true, comments })];
}

/** Docker, kernel settings, firewall, directory and files: the top of every stack module. */
export function commonBindings(stack: StackModel): Binding[] {
  return [n.assign("virtualisation.docker.enable", true), ...kernel(stack), ...firewall(stack), directory(stack), ...files(stack)];
}

/** Docker's name of a named volume: compose prefixes the project name, and so does the oci backend. */
export const volumeName = (stack: StackModel, volume: string): string => `${stack.name}_${volume}`;

/** `127.0.0.1:8080:80`, `51820:51820/udp`, `[::1]:8080:80`. */
export function portSpec(port: ContainerModel["ports"][number]): string {
  const bind = port.bind === undefined ? "" : port.bind.includes(":") ? `[${port.bind}]:` : `${port.bind}:`;
  return `${bind}${port.host}:${port.container}${port.protocol === "udp" ? "/udp" : ""}`;
}

/** `source:/target` or `source:/target:ro`; `source` as the backend names it (a path or a volume). */
export const volumeSpec = (v: ContainerModel["volumes"][number], source: string): string => `${source}:${v.target}${v.readOnly ? ":ro" : ""}`;

/** Networks some container of the stack joins, in declaration order. */
export function usedNetworks(stack: StackModel): StackModel["networks"] {
  return stack.networks.filter((net) => stack.containers.some((c) => c.networks.includes(net.name)));
}
