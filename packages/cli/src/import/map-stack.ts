// The whole compose file → one stack: its name, directory, networks and containers, with the
// top-level keys gen-nix has no counterpart for reported.
import { basename, dirname, isAbsolute } from "node:path";
import { CliError, UsageError } from "../errors.ts";
import type { StackContext } from "./context.ts";
import { mapService } from "./map-service.ts";
import { isRecord, type ComposeFile } from "./read-compose.ts";
import { Report } from "./report.ts";
import { tsObject, type TsEntry, type TsObject } from "./to-typescript.ts";

export interface ImportOptions {
  /** The compose file, absolute */
  readonly file: string;
  /** Stack name; default the file's `name:`, else its directory's name */
  readonly name?: string | undefined;
  /** Stack directory; default /var/lib/<name> */
  readonly directory?: string | undefined;
}

export interface MappedStack {
  readonly project: string;
  readonly directory: string;
  readonly stack: TsObject;
  readonly report: Report;
}

const NAME = /^[a-z0-9][a-z0-9_.-]{0,62}$/;
const TOP_LEVEL = ["name", "version", "services", "networks", "volumes"];

export function mapStack(compose: ComposeFile, options: ImportOptions): MappedStack {
  const { data } = compose;
  const report = new Report(compose.locate);
  const project = projectName(data.name, options);
  const directory = options.directory ?? `/var/lib/${project}`;
  if (!isAbsolute(directory)) throw new UsageError(`--directory must be an absolute path, got "${directory}"`);
  for (const key of Object.keys(data).filter((k) => !TOP_LEVEL.includes(k) && !k.startsWith("x-"))) {
    report.unmapped([key], `top-level "${key}" is not supported by gen-nix stacks; left out`);
  }
  const services = Object.entries(data.services as Record<string, unknown>);
  const containers = containerNames(services, report);
  const { networks, entries: networkEntries, defaultNetwork } = mapNetworks(data.networks, services, project, report);
  mapVolumes(data.volumes, report);
  const ctx: StackContext = { report, project, directory, containers, networks, defaultNetwork, relativePaths: false };
  const containerEntries: TsEntry[] = services.flatMap(([service, definition]) => {
    if (!isRecord(definition)) return report.unmapped(["services", service], "a service must be a mapping; left out"), [];
    return [{ key: containers.get(service) ?? service, value: mapService(ctx, service, definition) }];
  });
  if (containerEntries.length === 0) throw new CliError(`${options.file}: no services to import`);
  if (ctx.relativePaths) report.note([], `relative paths ("./…") resolve against the stack directory ${directory}, not the compose file's directory: put those files there`);
  const stack = tsObject(
    [
      ...(options.directory === undefined ? [] : [{ key: "directory", value: directory }]),
      ...(networkEntries.length === 0 ? [] : [{ key: "networks", value: tsObject(networkEntries, true) }]),
      { key: "containers", value: tsObject(containerEntries, true) },
    ],
    true,
  );
  return { project, directory, stack, report };
}

function projectName(name: unknown, options: ImportOptions): string {
  if (options.name !== undefined) {
    if (!NAME.test(options.name)) throw new UsageError(`--name "${options.name}" is not a valid stack name: use lowercase letters, digits, '_', '.' or '-'`);
    return options.name;
  }
  // As compose does: the directory's name, lowercased, with characters it does not allow removed.
  const fromDir = basename(dirname(options.file)).toLowerCase().replace(/[^a-z0-9_-]/g, "").replace(/^[^a-z0-9]+/, "");
  const project = typeof name === "string" ? name : fromDir;
  if (!NAME.test(project)) throw new UsageError(`cannot use "${project}" as the stack name: pass --name`);
  return project;
}

/** `container_name` becomes the key; a differing service key is noted, and references follow. */
function containerNames(services: [string, unknown][], report: Report): Map<string, string> {
  const names = new Map<string, string>();
  for (const [service, definition] of services) {
    const containerName = isRecord(definition) ? definition.container_name : undefined;
    if (typeof containerName === "string" && containerName !== service) {
      report.note(["services", service, "container_name"], `service "${service}" becomes container "${containerName}" (containers are keyed by name); references to it were renamed`);
    }
    names.set(service, typeof containerName === "string" ? containerName : service);
  }
  return names;
}

interface MappedNetworks {
  networks: Map<string, string>;
  entries: TsEntry[];
  defaultNetwork: string;
}

const NETWORK_KEYS = ["driver", "name", "enable_ipv6", "internal"];

/**
 * Compose's implicit "default" network becomes the stack's default network (named after the
 * stack, or the default network's `name:`); it comes first, as the DSL's default is the first one.
 */
function mapNetworks(value: unknown, services: [string, unknown][], project: string, report: Report): MappedNetworks {
  const declared = isRecord(value) ? value : {};
  const usesDefault = services.some(([, s]) => isRecord(s) && s.network_mode === undefined && (s.networks === undefined || Object.values(Array.isArray(s.networks) ? s.networks : Object.keys(s.networks as object)).includes("default")));
  const keys = [...(usesDefault || "default" in declared ? ["default"] : []), ...Object.keys(declared).filter((k) => k !== "default")];
  const networks = new Map<string, string>();
  const entries: TsEntry[] = [];
  for (const key of keys) {
    const options = isRecord(declared[key]) ? declared[key] : {};
    const path = ["networks", key];
    for (const option of Object.keys(options).filter((o) => !NETWORK_KEYS.includes(o))) {
      report.unmapped([...path, option], option === "external" ? "external networks are not supported: the stack creates its own networks" : `network option "${option}" is not supported; left out`);
    }
    if (options.driver !== undefined && options.driver !== "bridge") report.unmapped([...path, "driver"], `driver "${String(options.driver)}" is not supported: stack networks are bridges`);
    const name = key === "default" ? (typeof options.name === "string" ? options.name : project) : key;
    if (key !== "default" && options.name !== undefined && options.name !== key) report.unmapped([...path, "name"], `the network is named "${key}", not "${String(options.name)}"`);
    networks.set(key, name);
    const flags: TsEntry[] = [
      ...(options.enable_ipv6 === true ? [{ key: "ipv6", value: true }] : []),
      ...(options.internal === true ? [{ key: "internal", value: true }] : []),
    ];
    entries.push({ key: name, value: tsObject(flags) });
  }
  const defaultNetwork = entries[0]?.key ?? project;
  // Just the default network, named after the stack, without options: that is the DSL's default.
  const implicit = entries.length === 1 && defaultNetwork === project && (entries[0]?.value as TsObject).entries.length === 0;
  return { networks, entries: implicit ? [] : entries, defaultNetwork: implicit ? project : defaultNetwork };
}

const VOLUME_KEYS: Record<string, string> = {
  external: "external volumes are not supported: Docker creates the named volume if it is missing",
  driver: "volume drivers are not supported: the volume uses Docker's local driver",
  driver_opts: "volume driver options are not supported",
  name: "the volume keeps its key as its name",
  labels: "volume labels are not supported",
};

function mapVolumes(value: unknown, report: Report): void {
  if (!isRecord(value)) return;
  for (const [volume, options] of Object.entries(value)) {
    if (!isRecord(options)) continue;
    for (const key of Object.keys(options)) report.unmapped(["volumes", volume, key], VOLUME_KEYS[key] ?? `volume option "${key}" is not supported`);
  }
}
