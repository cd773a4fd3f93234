/**
 * The compose backend: `hosts/<host>/stacks/<stack>/docker-compose.yml` (compose-spec keys) and
 * `hosts/<host>/stacks/<stack>.nix`, one unit running `docker compose up` in the foreground. The
 * `docker` package of nixpkgs carries the compose plugin (its `composeSupport` defaults to true),
 * so `virtualisation.docker.package` provides `docker compose`.
 */
import { n } from "../ast/build.ts";
import type { ContainerModel, HostModel, StackModel } from "@gen-nix/dsl";
import { toYaml } from "./compose-yaml.ts";
import { type GeneratedFile, moduleFile } from "./file.ts";
import { composeSecretPath } from "./secret.ts";
import { besideModule, commonBindings, filesUnit, portSpec, shellWord, stackFiles, stacksDir, usedNetworks, volumeSpec } from "./stack-common.ts";

const COMPOSE_FILE = "docker-compose.yml";

/** Compose expands `$VAR` in every value (not in keys); values here are literal, so every `$` is doubled. */
function literal<T>(value: T): T {
  if (typeof value === "string") return value.replaceAll("$", "$$$$") as T;
  if (Array.isArray(value)) return value.map(literal) as T;
  if (typeof value === "object" && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, literal(v)])) as T;
  return value;
}

const CONDITION = { started: "service_started", healthy: "service_healthy", completed: "service_completed_successfully" } as const;

function healthcheck(h: NonNullable<ContainerModel["healthcheck"]>): Record<string, unknown> {
  return {
    test: h.test,
    ...(h.interval && { interval: h.interval }),
    ...(h.timeout && { timeout: h.timeout }),
    ...(h.retries !== undefined && { retries: h.retries }),
    ...(h.startPeriod && { start_period: h.startPeriod }),
  };
}

function networkMode(mode: NonNullable<ContainerModel["networkMode"]>): string {
  return mode.kind === "service" ? `service:${mode.name}` : mode.kind;
}

/** One service; keys only when set, in the order the compose docs list them. */
function service(c: ContainerModel): Record<string, unknown> {
  const nonEmpty = <K extends string, V>(key: K, list: readonly V[]) => (list.length > 0 ? { [key]: list } : {});
  return {
    image: c.image,
    container_name: c.name,
    ...(c.entrypoint !== undefined && { entrypoint: c.entrypoint }),
    ...(c.command !== undefined && { command: c.command }),
    ...(c.user !== undefined && { user: c.user }),
    ...(c.environment.length > 0 && { environment: Object.fromEntries(c.environment) }),
    ...nonEmpty("env_file", c.environmentFiles.map(composeSecretPath)),
    ...nonEmpty("ports", c.ports.map(portSpec)),
    ...nonEmpty("volumes", c.volumes.map((v) => volumeSpec(v, v.source))),
    ...(c.networkMode ? { network_mode: networkMode(c.networkMode) } : nonEmpty("networks", c.networks)),
    ...(c.dependsOn.length > 0 && {
      depends_on: Object.fromEntries(c.dependsOn.map((d) => [d.name, { condition: CONDITION[d.condition] }])),
    }),
    ...(c.healthcheck && { healthcheck: healthcheck(c.healthcheck) }),
    restart: c.restart,
    ...nonEmpty("cap_add", c.capAdd),
    ...nonEmpty("cap_drop", c.capDrop),
    ...nonEmpty("devices", c.devices),
    ...(c.privileged && { privileged: true }),
    ...nonEmpty("dns", c.dns),
    ...(c.labels.length > 0 && { labels: Object.fromEntries(c.labels) }),
  };
}

/**
 * The compose file, every value literal. Networks keep their own names (`name:`), as the oci
 * backend creates them; named volumes get compose's usual `<stack>_<volume>`, which the oci
 * backend uses too.
 */
function composeFile(stack: StackModel): unknown {
  const networks = usedNetworks(stack).map((net) => [
    net.name,
    { name: net.name, ...(net.ipv6 && { enable_ipv6: true }), ...(net.internal && { internal: true }) },
  ]);
  const volumes = [...new Set(stack.containers.flatMap((c) => c.volumes.filter((v) => v.kind === "volume").map((v) => v.source)))];
  return literal({
    name: stack.name,
    services: Object.fromEntries(stack.containers.map((c) => [c.name, service(c)])),
    ...(networks.length > 0 && { networks: Object.fromEntries(networks) }),
    ...(volumes.length > 0 && { volumes: Object.fromEntries(volumes.map((v) => [v, {}])) }),
  });
}

export function emitStackCompose(host: HostModel, stack: StackModel): [GeneratedFile, ...GeneratedFile[]] {
  const files = filesUnit(stack);
  const unit = n.set([
    n.assign("description", `Docker Compose stack ${stack.name}`),
    n.assign("wantedBy", ["multi-user.target"]),
    n.assign("after", ["docker.service", "network-online.target", ...(files ? [`${files}.service`] : [])]),
    n.assign("requires", ["docker.service", ...(files ? [`${files}.service`] : [])]),
    n.assign("wants", ["network-online.target"]),
    n.assign("serviceConfig", {
      ExecStart: n.str(n.ident("compose"), " up --remove-orphans"),
      ExecStop: n.str(n.ident("compose"), " down"),
      Restart: "on-failure",
    }, { comments: ["`up` stays in the foreground so systemd supervises the stack; Docker restarts", "single containers by their restart policy."] }),
  ]);
  const body = n.set([
    ...commonBindings(stack),
    n.assign(["systemd", "services", `docker-compose-${stack.name}`], unit, { blankBefore: true }),
  ]);
  const command = n.str(
    n.ref("config.virtualisation.docker.package"),
    `/bin/docker compose --project-name ${shellWord(stack.name)} --project-directory ${shellWord(stack.directory)} -f `,
    besideModule(stack, COMPOSE_FILE),
  );
  const module = moduleFile(`${stacksDir(host)}/${stack.name}.nix`, n.let([n.assign("compose", command)], body));
  const compose: GeneratedFile = { path: `${stacksDir(host)}/${stack.name}/${COMPOSE_FILE}`, content: toYaml(composeFile(stack)) };
  if (stack.files.some((f) => f.path === COMPOSE_FILE)) throw new Error(`(bug) stack ${stack.name} has a file named ${COMPOSE_FILE}`);
  return [module, compose, ...stackFiles(host, stack)];
}
