// Ports, volumes and devices: compose's short and long forms, written in the DSL's short form
// ("127.0.0.1:8080:80/udp", "./config:/app/config:ro", "/dev/net/tun:/dev/net/tun").
import { isRecord } from "./read-compose.ts";
import type { ComposePath } from "./report.ts";
import { describe, reportExtraKeys, text, type StackContext } from "./context.ts";

interface PortParts {
  bind: string | undefined;
  host: string | undefined;
  container: string;
  protocol: string;
}

/** One compose port entry → zero or more DSL port strings (a range becomes one per port). */
export function mapPort(ctx: StackContext, path: ComposePath, item: unknown): string[] {
  const parts = typeof item === "number" ? { bind: undefined, host: undefined, container: String(item), protocol: "tcp" }
    : isRecord(item) ? longPort(ctx, path, item)
    : typeof item === "string" ? shortPort(ctx, path, text(ctx, path, item) ?? "")
    : (ctx.report.unmapped(path, `expected a port string or mapping, got ${describe(item)}`), undefined);
  return parts === undefined ? [] : portStrings(ctx, path, parts);
}

function shortPort(ctx: StackContext, path: ComposePath, spec: string): PortParts | undefined {
  const [mapping = "", protocol = "tcp"] = spec.split("/");
  const bracket = /^\[([^\]]*)\]:(.*)$/.exec(mapping);
  const rest = (bracket?.[2] ?? mapping).split(":");
  if (bracket ? rest.length !== 2 : rest.length > 3) {
    ctx.report.unmapped(path, `cannot read port "${spec}"; left out`);
    return undefined;
  }
  const container = rest.pop() ?? "";
  const host = rest.pop();
  return { bind: bracket?.[1] ?? rest.pop(), host, container, protocol };
}

function longPort(ctx: StackContext, path: ComposePath, port: Record<string, unknown>): PortParts | undefined {
  reportExtraKeys(ctx, path, port, ["target", "published", "host_ip", "protocol", "mode"], "port");
  if (port.mode !== undefined && port.mode !== "ingress" && port.mode !== "host") ctx.report.unmapped([...path, "mode"], `mode "${String(port.mode)}" is not supported`);
  const container = port.target === undefined ? undefined : text(ctx, [...path, "target"], port.target);
  if (container === undefined) {
    ctx.report.unmapped(path, "a port needs a target; left out");
    return undefined;
  }
  const host = port.published === undefined ? undefined : text(ctx, [...path, "published"], port.published);
  const bind = port.host_ip === undefined ? undefined : text(ctx, [...path, "host_ip"], port.host_ip);
  const protocol = port.protocol === undefined ? "tcp" : (text(ctx, [...path, "protocol"], port.protocol) ?? "tcp");
  return { bind, host, container, protocol };
}

const range = (text: string): [number, number] | undefined => {
  const match = /^(\d+)(?:-(\d+))?$/.exec(text);
  return match ? [Number(match[1]), Number(match[2] ?? match[1])] : undefined;
};

function portStrings(ctx: StackContext, path: ComposePath, { bind, host, container, protocol }: PortParts): string[] {
  if (protocol !== "tcp" && protocol !== "udp") {
    ctx.report.unmapped(path, `protocol "${protocol}" is not supported (tcp or udp); left out`);
    return [];
  }
  if (host === undefined || host === "") {
    ctx.report.unmapped(path, `publishes container port ${container} on a random host port, which gen-nix cannot express: give a host port (the container stays reachable on the stack network); left out`);
    return [];
  }
  const [h, c] = [range(host), range(container)];
  if (h === undefined || c === undefined || h[1] - h[0] !== c[1] - c[0] || h[1] < h[0]) {
    ctx.report.unmapped(path, `cannot map host port(s) "${host}" onto container port(s) "${container}" one to one; left out`);
    return [];
  }
  const prefix = bind === undefined || bind === "" ? "" : bind.includes(":") ? `[${bind}]:` : `${bind}:`;
  const suffix = protocol === "udp" ? "/udp" : "";
  const count = h[1] - h[0] + 1;
  if (count > 1) ctx.report.note(path, `range expanded into ${count} port mappings`);
  return Array.from({ length: count }, (_, i) => `${prefix}${h[0] + i}:${c[0] + i}${suffix}`);
}

/** One compose volume entry → a DSL volume string, or nothing (reported). */
export function mapVolume(ctx: StackContext, path: ComposePath, item: unknown): string | undefined {
  if (isRecord(item)) return longVolume(ctx, path, item);
  const spec = text(ctx, path, item);
  if (spec === undefined) return undefined;
  const [source = "", target, mode, ...more] = spec.split(":");
  if (target === undefined || more.length > 0) {
    ctx.report.unmapped(path, target === undefined ? `anonymous volume "${spec}" is not supported: name it ("name:${spec}"); left out` : `cannot read volume "${spec}"; left out`);
    return undefined;
  }
  const options = mode === undefined ? [] : mode.split(",");
  for (const option of options.filter((o) => o !== "ro" && o !== "rw")) {
    ctx.report.unmapped(path, `volume option "${option}" is not supported; mounted without it`);
  }
  return volumeString(ctx, path, source, target, options.includes("ro"));
}

function longVolume(ctx: StackContext, path: ComposePath, volume: Record<string, unknown>): string | undefined {
  const type = volume.type ?? "volume";
  if (type !== "bind" && type !== "volume") {
    ctx.report.unmapped(path, `volume type "${String(type)}" is not supported; left out`);
    return undefined;
  }
  reportExtraKeys(ctx, path, volume, ["type", "source", "target", "read_only"], "volume");
  const source = volume.source === undefined ? undefined : text(ctx, [...path, "source"], volume.source);
  const target = volume.target === undefined ? undefined : text(ctx, [...path, "target"], volume.target);
  if (source === undefined || target === undefined) {
    ctx.report.unmapped(path, "a volume needs a source and a target (anonymous volumes are not supported); left out");
    return undefined;
  }
  // A bind source in the long form may be a bare relative path; the DSL wants it to start with ".".
  const hostPath = type === "bind" && !/^[./~]/.test(source) ? `./${source}` : source;
  return volumeString(ctx, path, hostPath, target, volume.read_only === true);
}

function volumeString(ctx: StackContext, path: ComposePath, source: string, target: string, readOnly: boolean): string | undefined {
  if (source.startsWith("~")) {
    ctx.report.unmapped(path, `"${source}" is under the home of whoever runs compose: use an absolute path; left out`);
    return undefined;
  }
  if (source.startsWith(".")) ctx.relativePaths = true;
  return `${source}:${target}${readOnly ? ":ro" : ""}`;
}

const DEVICE = /^\/dev\/[^:]+(:\/dev\/[^:]+)?(:[rwm]+)?$/;

/** "/dev/net/tun:/dev/net/tun", or the long form { source, target, permissions }. */
export function mapDevice(ctx: StackContext, path: ComposePath, item: unknown): string | undefined {
  let spec: string | undefined;
  if (isRecord(item)) {
    reportExtraKeys(ctx, path, item, ["source", "target", "permissions"], "device");
    spec = [item.source, item.target, item.permissions].filter((part) => part !== undefined).map(String).join(":");
  } else {
    spec = text(ctx, path, item);
  }
  if (spec === undefined) return undefined;
  if (!DEVICE.test(spec)) {
    ctx.report.unmapped(path, `device "${spec}" is not a /dev path mapping (CDI devices are not supported); left out`);
    return undefined;
  }
  return spec;
}
