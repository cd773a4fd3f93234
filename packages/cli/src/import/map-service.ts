// One compose service → one container of the stack. Each compose key has a mapper; a key without
// one is reported, never dropped in silence. Output keys follow the DSL schema's order.
import { isRecord } from "./read-compose.ts";
import type { ComposePath } from "./report.ts";
import { describe, text, textList, underDirectory, type StackContext } from "./context.ts";
import { mapDevice, mapPort, mapVolume } from "./map-mounts.ts";
import { tsCall, tsObject, type TsEntry, type TsObject, type TsValue } from "./to-typescript.ts";
import { interpolatedVariables, scalarText, shellWords, unescapeDollars } from "./values.ts";

type Out = Map<string, TsEntry>;
type Mapper = (ctx: StackContext, path: ComposePath, value: unknown, out: Out, service: string) => void;

const ORDER = [
  "image", "allowLatest", "entrypoint", "command", "environment", "environmentFiles", "ports", "volumes", "dependsOn",
  "healthcheck", "restart", "capAdd", "capDrop", "devices", "networks", "networkMode", "dns", "labels", "privileged", "user",
];

const set = (out: Out, key: string, value: TsValue | undefined, comment?: string[]): void => {
  if (value !== undefined) out.set(key, { key, value, ...(comment && { comment }) });
};

/** Why some compose keys have no counterpart, and what to do instead. */
const HINTS: Record<string, string> = {
  build: "gen-nix runs prebuilt images: build and push (or load) the image and name it in image",
  deploy: "swarm and resource settings (replicas, limits) are not mapped",
  secrets: "mount the file with volumes, or pass it with environmentFiles: [secret.file(...)]",
  configs: "mount the file with volumes",
  profiles: "every container of a stack runs; leave this one out if it should not",
  extends: "copy the settings of the extended service into this one",
  logging: "containers log through their systemd unit (journald)",
  sysctls: "per-container sysctls are not supported",
  tmpfs: "tmpfs mounts are not supported",
};

/** The container for service `service` (at `services.<service>`). */
export function mapService(ctx: StackContext, service: string, definition: Record<string, unknown>): TsObject {
  const out: Out = new Map();
  for (const [key, value] of Object.entries(definition)) {
    const path = ["services", service, key];
    const mapper = MAPPERS[key];
    if (mapper !== undefined) mapper(ctx, path, value, out, service);
    else if (!key.startsWith("x-")) ctx.report.unmapped(path, `"${key}" is not supported by gen-nix stacks${HINTS[key] ? `: ${HINTS[key]}` : ""}; left out`);
  }
  if (!out.has("image")) {
    const image = `${ctx.project}-${service}`;
    ctx.report.unmapped(["services", service], `no image: compose would build "${image}"; build and push it, then pin its tag`);
    set(out, "image", image);
    set(out, "allowLatest", true, ["compose builds this image: push it and pin its tag"]);
  }
  // Compose restarts nothing unless asked; the DSL's default is "unless-stopped".
  if (!out.has("restart")) set(out, "restart", "no");
  return tsObject(ORDER.flatMap((key) => out.get(key) ?? []), true);
}

/** No tag (so "latest") or the tag "latest", and no digest. */
function isFloating(image: string): boolean {
  if (image.includes("@")) return false;
  const name = image.slice(image.lastIndexOf("/") + 1);
  return !name.includes(":") || name.endsWith(":latest");
}

function argv(ctx: StackContext, path: ComposePath, value: unknown): TsValue | undefined {
  if (value === null) return undefined;
  if (Array.isArray(value)) return textList(ctx, path, value);
  const command = text(ctx, path, value);
  if (command === undefined) return undefined;
  // The DSL splits a string on spaces; compose splits it like a shell. Keep the string when both agree.
  const words = shellWords(command);
  return words.join("\u0000") === command.split(/\s+/).filter((w) => w !== "").join("\u0000") ? command : words;
}

const CONDITIONS: Record<string, string> = {
  service_started: "started",
  service_healthy: "healthy",
  service_completed_successfully: "completed",
};

const containerOf = (ctx: StackContext, service: string): string => ctx.containers.get(service) ?? service;

function dependsOn(ctx: StackContext, path: ComposePath, value: unknown): TsValue | undefined {
  if (Array.isArray(value)) return textList(ctx, path, value).map((name) => containerOf(ctx, name));
  if (!isRecord(value)) return void ctx.report.unmapped(path, `expected a list or a mapping, got ${describe(value)}`);
  return tsObject(
    Object.entries(value).map(([name, options]) => {
      const at = [...path, name];
      const condition = isRecord(options) ? (options.condition ?? "service_started") : "service_started";
      if (isRecord(options)) {
        if (options.restart === true) ctx.report.unmapped([...at, "restart"], "restarting along with the dependency is not supported");
        if (options.required === false) ctx.report.unmapped([...at, "required"], "optional dependencies are not supported: the dependency is required");
      }
      const mapped = CONDITIONS[String(condition)];
      if (mapped === undefined) ctx.report.unmapped([...at, "condition"], `unknown condition ${JSON.stringify(condition)}; waiting for start`);
      return { key: containerOf(ctx, name), value: mapped ?? "started" };
    }),
  );
}

const DURATION = /^(\d+(ns|us|ms|s|m|h))+$/;

function healthcheck(ctx: StackContext, path: ComposePath, value: unknown): TsValue | undefined {
  if (!isRecord(value)) return void ctx.report.unmapped(path, `expected a mapping, got ${describe(value)}`);
  const test = Array.isArray(value.test) ? textList(ctx, [...path, "test"], value.test) : value.test;
  if (value.disable === true || (Array.isArray(test) && test[0] === "NONE")) {
    return void ctx.report.unmapped(path, "disabling the image's health check is not supported: the image's own check (if any) still runs");
  }
  const entries: TsEntry[] = [];
  if (typeof test === "string" || typeof test === "number") entries.push({ key: "test", value: text(ctx, [...path, "test"], test) ?? "" });
  else if (Array.isArray(test) && test[0] === "CMD-SHELL" && test.length === 2) entries.push({ key: "test", value: test[1] ?? "" });
  else if (Array.isArray(test) && test[0] === "CMD" && test.length > 1) entries.push({ key: "test", value: test.slice(1) });
  else return void ctx.report.unmapped([...path, "test"], 'a health check needs a test: a string, ["CMD", …] or ["CMD-SHELL", "…"]; left out');
  for (const [from, to] of [["interval", "interval"], ["timeout", "timeout"], ["start_period", "startPeriod"]] as const) {
    if (value[from] === undefined) continue;
    const duration = text(ctx, [...path, from], value[from]);
    if (duration !== undefined && DURATION.test(duration)) entries.push({ key: to, value: duration });
    else ctx.report.unmapped([...path, from], `duration ${JSON.stringify(value[from])} is not of the form "10s" or "1m30s"; left out`);
  }
  if (typeof value.retries === "number") entries.push({ key: "retries", value: value.retries });
  for (const key of Object.keys(value).filter((k) => !["test", "interval", "timeout", "start_period", "retries", "disable"].includes(k))) {
    ctx.report.unmapped([...path, key], `health check option "${key}" is not supported; left out`);
  }
  return tsObject(entries);
}

function restart(ctx: StackContext, path: ComposePath, value: unknown): TsValue | undefined {
  const policy = value === false ? "no" : text(ctx, path, value);
  if (policy === "no" || policy === "always" || policy === "unless-stopped" || policy === "on-failure") return policy;
  if (policy?.startsWith("on-failure:")) {
    ctx.report.unmapped(path, `the retry limit of "${policy}" is not supported: restarts on failure without a limit`);
    return "on-failure";
  }
  ctx.report.unmapped(path, `unknown restart policy ${JSON.stringify(value)}; compose's default "no" kept`);
  return "no";
}

const SECRET_NAME = /PASS|SECRET|TOKEN|KEY|CREDENTIAL/i;

/**
 * compose's two spellings of named values, `["KEY=value", …]` and `{ KEY: value }`, as
 * [key, value, path] triples; `bare` is the value of a list item without `=` (and of a null in a
 * mapping). Anything else is reported and gives none.
 */
function keyValuePairs(ctx: StackContext, path: ComposePath, value: unknown, bare: null | ""): [string, unknown, ComposePath][] {
  if (Array.isArray(value)) {
    return value.map((item, i) => {
      const line = scalarText(item) ?? "";
      const cut = line.indexOf("=");
      return cut < 0 ? [line, bare, [...path, i]] : [line.slice(0, cut), line.slice(cut + 1), [...path, i]];
    });
  }
  if (isRecord(value)) return Object.entries(value).map(([k, v]) => [k, v ?? bare, [...path, k]]);
  ctx.report.unmapped(path, `expected a list or a mapping, got ${describe(value)}`);
  return [];
}

function environment(ctx: StackContext, path: ComposePath, value: unknown, service: string): TsValue | undefined {
  const pairs = keyValuePairs(ctx, path, value, null);
  const envFile = `${ctx.directory}/${containerOf(ctx, service)}.env`;
  const entries: TsEntry[] = [];
  for (const [key, raw, at] of pairs) {
    const literal = raw === null || raw === undefined ? undefined : scalarText(raw);
    const variables = literal === undefined ? [] : interpolatedVariables(literal);
    if (literal === undefined || variables.length > 0) {
      const why = literal === undefined ? "takes its value from the shell running compose" : `interpolates ${variables.map((v) => `$${v}`).join(", ")} when compose runs`;
      ctx.report.unmapped(at, `${key} ${why}; put ${key}=… in an env file such as ${envFile} and add secret.file("${envFile}") to environmentFiles`);
      continue;
    }
    if (SECRET_NAME.test(key)) ctx.report.note(at, `${key} looks like a secret: its value would be in the world-readable Nix store; consider an env file in environmentFiles`);
    entries.push({ key, value: unescapeDollars(literal) });
  }
  return entries.length === 0 ? undefined : tsObject(entries);
}

function envFiles(ctx: StackContext, path: ComposePath, value: unknown): TsValue | undefined {
  const items = Array.isArray(value) ? value : [value];
  return items.flatMap((item, i) => {
    const at = Array.isArray(value) ? [...path, i] : path;
    if (isRecord(item) && item.required === false) ctx.report.unmapped([...at, "required"], "optional env files are not supported: the file must exist");
    if (isRecord(item) && item.format !== undefined) ctx.report.unmapped([...at, "format"], "env file formats are not supported; read as Docker's KEY=VALUE lines");
    const file = text(ctx, isRecord(item) ? [...at, "path"] : at, isRecord(item) ? item.path : item);
    if (file === undefined) return [];
    const absolute = underDirectory(ctx, file);
    if (absolute !== file) ctx.report.note(at, `read from ${absolute} (the stack directory): copy ${file} there`);
    return [tsCall("secret.file", absolute)];
  });
}

function networks(ctx: StackContext, path: ComposePath, value: unknown): TsValue | undefined {
  const names = Array.isArray(value) ? textList(ctx, path, value) : isRecord(value) ? Object.keys(value) : [];
  if (isRecord(value)) {
    for (const [name, options] of Object.entries(value)) {
      if (isRecord(options)) for (const key of Object.keys(options)) ctx.report.unmapped([...path, name, key], `network option "${key}" is not supported; left out`);
    }
  } else if (!Array.isArray(value)) ctx.report.unmapped(path, `expected a list or a mapping, got ${describe(value)}`);
  const mapped = names.map((name) => ctx.networks.get(name) ?? name);
  return mapped.length === 1 && mapped[0] === ctx.defaultNetwork ? undefined : mapped;
}

function networkMode(ctx: StackContext, path: ComposePath, value: unknown): TsValue | undefined {
  const mode = text(ctx, path, value);
  if (mode === "host" || mode === "none") return mode;
  const [kind, name = ""] = (mode ?? "").split(/:(.*)/);
  const inFile = ctx.containers.has(name) ? containerOf(ctx, name) : [...ctx.containers.values()].find((c) => c === name);
  if (kind === "service" && ctx.containers.has(name)) return `service:${containerOf(ctx, name)}`;
  if (kind === "container" && inFile !== undefined) {
    ctx.report.note(path, `container:${name} is a container of this file: mapped to service:${inFile}`);
    return `service:${inFile}`;
  }
  ctx.report.unmapped(path, `network mode ${JSON.stringify(value)} is not supported (host, none, service:<name> of this file); left out`);
  return undefined;
}

function labels(ctx: StackContext, path: ComposePath, value: unknown): TsValue | undefined {
  const pairs = keyValuePairs(ctx, path, value, "");
  return tsObject(pairs.flatMap(([key, v, at]) => {
    const label = text(ctx, at, v);
    return label === undefined ? [] : [{ key, value: label }];
  }));
}

const capabilities = (ctx: StackContext, path: ComposePath, value: unknown): TsValue =>
  textList(ctx, path, value).map((cap) => cap.toUpperCase().replace(/^CAP_/, ""));

const list = (ctx: StackContext, path: ComposePath, value: unknown, one: (ctx: StackContext, path: ComposePath, item: unknown) => string | string[] | undefined): string[] => {
  if (!Array.isArray(value)) return ctx.report.unmapped(path, `expected a list, got ${describe(value)}`), [];
  return value.flatMap((item, i) => one(ctx, [...path, i], item) ?? []);
};

function image(ctx: StackContext, path: ComposePath, value: unknown, out: Out): void {
  const name = text(ctx, path, value);
  if (name === undefined) return;
  set(out, "image", name);
  if (!isFloating(name)) return;
  ctx.report.note(path, `"${name}" floats ("latest" or no tag): allowLatest: true set; pin a version`);
  set(out, "allowLatest", true, [`"${name}" floats: pin a version tag or digest, then remove allowLatest`]);
}

const MAPPERS: Record<string, Mapper> = {
  image,
  container_name: () => undefined, // the container's key; see map-stack.ts
  entrypoint: (ctx, path, value, out) => set(out, "entrypoint", argv(ctx, path, value)),
  command: (ctx, path, value, out) => set(out, "command", argv(ctx, path, value)),
  environment: (ctx, path, value, out, service) => set(out, "environment", environment(ctx, path, value, service)),
  env_file: (ctx, path, value, out) => set(out, "environmentFiles", envFiles(ctx, path, value)),
  ports: (ctx, path, value, out) => set(out, "ports", list(ctx, path, value, mapPort)),
  volumes: (ctx, path, value, out) => set(out, "volumes", list(ctx, path, value, mapVolume)),
  devices: (ctx, path, value, out) => set(out, "devices", list(ctx, path, value, mapDevice)),
  depends_on: (ctx, path, value, out) => set(out, "dependsOn", dependsOn(ctx, path, value)),
  healthcheck: (ctx, path, value, out) => set(out, "healthcheck", healthcheck(ctx, path, value)),
  restart: (ctx, path, value, out) => set(out, "restart", restart(ctx, path, value)),
  cap_add: (ctx, path, value, out) => set(out, "capAdd", capabilities(ctx, path, value)),
  cap_drop: (ctx, path, value, out) => set(out, "capDrop", capabilities(ctx, path, value)),
  networks: (ctx, path, value, out) => set(out, "networks", networks(ctx, path, value)),
  network_mode: (ctx, path, value, out) => set(out, "networkMode", networkMode(ctx, path, value)),
  dns: (ctx, path, value, out) => set(out, "dns", textList(ctx, path, value)),
  labels: (ctx, path, value, out) => set(out, "labels", labels(ctx, path, value)),
  privileged: (ctx, path, value, out) =>
    typeof value === "boolean" ? set(out, "privileged", value) : ctx.report.unmapped(path, `expected true or false, got ${describe(value)}`),
  user: (ctx, path, value, out) => set(out, "user", text(ctx, path, value)),
};
