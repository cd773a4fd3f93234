// Container stacks: what a docker-compose.yml describes, typed. A stack runs either as
// virtualisation.oci-containers units (one systemd unit per container) or as one
// `docker compose` unit over an emitted compose file.
import * as z from "zod";
import { ENV_NAME, KEYS_ONLY, type NameRule, absolutePath, flag, namedRecord, stringRecord } from "./rules.ts";
import { SecretSchema } from "./secret.ts";
import { nodeNet } from "../lazy-node.ts";

/** Container and network names: Docker's own rule, kept lowercase so unit names stay readable. */
export const CONTAINER_NAME: NameRule = {
  what: "container",
  pattern: /^[a-z0-9][a-z0-9_.-]{0,62}$/,
  hint: "a lowercase letter or digit followed by up to 62 lowercase letters, digits, '_', '.' or '-'",
};

/** A Go-style duration as Docker takes it: "10s", "1m30s", "500ms". */
const DURATION = /^(\d+(ns|us|ms|s|m|h))+$/;
const Duration = z.string().regex(DURATION, { error: 'a duration looks like "10s", "1m30s" or "500ms"' });

/** What an image reference may contain: a lowercase name, an optional tag, an optional digest. */
export const IMAGE_REFERENCE = /^[a-z0-9][a-z0-9._\/:-]*(@sha256:[0-9a-f]{64})?$/;

/** The tag that makes `image` float ("latest", or "" when untagged or the tag is empty), or undefined when pinned. */
export function floatingTag(image: string): string | undefined {
  if (image.includes("@sha256:")) return undefined;
  const name = image.slice(image.lastIndexOf("/") + 1);
  const colon = name.indexOf(":");
  if (colon < 0) return "";
  const tag = name.slice(colon + 1);
  return tag === "latest" || tag === "" ? tag : undefined;
}

/**
 * An image reference with a pinned tag or digest: "docker.io/fosrl/pangolin:1.12.3",
 * "traefik:v3.6", "nginx@sha256:…". Checked further in the stack checks (floating `latest`).
 */
const ImageSchema = z
  .string()
  .regex(IMAGE_REFERENCE, {
    error:
      "not an image reference: an image is lowercase letters, digits, '.', '_', '/', ':' and '-', with a tag or a " +
      'digest, e.g. "docker.io/fosrl/pangolin:1.12.3" or "nginx@sha256:<64 hex digits>"',
  });

/** A program and its arguments: an argv array, or a string split on spaces. */
const ArgvSchema = z.union([z.array(z.string()), z.string()], {
  error: "a command is a list of arguments or a string of space-separated words",
});

/** "8080:80", "127.0.0.1:8080:80/tcp", "51820:51820/udp" — or the same as an object. */
export const PortSchema = z.union(
  [
    z.string().regex(/^(\[?[0-9a-fA-F:.]+\]?:)?\d{1,5}:\d{1,5}(\/(tcp|udp))?$/, {
      error: 'a port mapping looks like "8080:80", "127.0.0.1:8080:80" or "51820:51820/udp"',
    }),
    z.strictObject({
      /** Port on the host (published) → .ports "[bind:]host:container[/udp]"; opened in networking.firewall unless bound to loopback */
      host: z.int().min(1).max(65535),
      /** Port inside the container → the container part of .ports */
      container: z.int().min(1).max(65535),
      /** → the "/udp" suffix of .ports (and networking.firewall.allowedUDPPorts); default "tcp" */
      protocol: z.enum(["tcp", "udp"]).default("tcp"),
      /** Host address to bind → the address part of .ports, e.g. "127.0.0.1"; default all addresses (and the port is opened in the firewall) */
      bind: z
        .string()
        .superRefine((address, ctx) => {
          if (nodeNet().isIP(address) === 0) flag(ctx, [], "invalid_address", 'bind is an IP address of the host, e.g. "127.0.0.1"');
        })
        .optional(),
    }),
  ],
  { error: 'a port is "host:container[/udp]" or { host, container, protocol?, bind? }' },
);

/**
 * "./config:/app/config", "/srv/data:/data:ro", "pgdata:/var/lib/postgresql/data" — or an object.
 * A source starting with "./" is relative to the stack's directory; a bare name is a named volume.
 */
export const VolumeSchema = z.union(
  [
    z.string().regex(/^[^:]+:\/[^:]*(:(ro|rw))?$/, {
      error: 'a volume looks like "./config:/app/config", "/srv/data:/data:ro" or "name:/data"',
    }),
    z.strictObject({
      /** Host path (absolute, or "./…" relative to the stack directory) or a named volume → the source part of .volumes */
      source: z.string().min(1),
      /** Absolute path inside the container → the target part of .volumes */
      target: z.string().startsWith("/", { error: "a volume target is an absolute path inside the container" }),
      /** → the ":ro" suffix of .volumes; default false */
      readOnly: z.boolean().default(false),
    }),
  ],
  { error: 'a volume is "source:/target[:ro]" or { source, target, readOnly? }' },
);

/** Docker's health check; `test` as a string runs in a shell (CMD-SHELL), as a list directly (CMD). */
export const HealthcheckSchema = z.strictObject({
  /** → --health-cmd / healthcheck.test */
  test: ArgvSchema,
  /** → --health-interval / healthcheck.interval; default Docker's 30s */
  interval: Duration.optional(),
  /** → --health-timeout / healthcheck.timeout; default Docker's 30s */
  timeout: Duration.optional(),
  /** → --health-retries / healthcheck.retries; default Docker's 3 */
  retries: z.int().min(1).optional(),
  /** → --health-start-period / healthcheck.start_period; default Docker's 0s */
  startPeriod: Duration.optional(),
});

/** What a dependent container waits for: start, a passing health check, or a successful exit. */
const DependencyCondition = z.enum(["started", "healthy", "completed"]);

/** Containers this one needs: a list (wait for start) or name → condition. */
export const DependsOnSchema = z.union([z.array(z.string()), stringRecord(DependencyCondition)], {
  error: 'dependsOn is a list of container names or { name: "started" | "healthy" | "completed" }',
});

/**
 * Label keys: reverse-DNS words as Docker recommends, with the upper case Traefik's keys use.
 * `=` would move the split of `--label key=value`, and whitespace or a newline is no key.
 */
const LABEL_KEY: NameRule = {
  what: "label",
  pattern: /^[A-Za-z0-9][A-Za-z0-9._\/-]*$/,
  hint: "letters, digits, '.', '_', '/' or '-', starting with a letter or digit, e.g. \"com.example.team\"",
};

const LabelsSchema = namedRecord(z.string(), LABEL_KEY);

const EnvironmentSchema = namedRecord(z.string(), ENV_NAME);

/** One container (key = container name, unique on the host). */
export const ContainerSchema = z.strictObject({
  /** Pinned image → virtualisation.oci-containers.containers.<name>.image */
  image: ImageSchema,
  /** Accept a floating "latest" (or untagged) image; an opt-out that `gen-nix audit` lists. Default false */
  allowLatest: z.boolean().default(false),
  /** → .entrypoint */
  entrypoint: ArgvSchema.optional(),
  /** → .cmd */
  command: ArgvSchema.optional(),
  /** Literal values only; `${VAR}` is refused (use environmentFiles) → .environment */
  environment: EnvironmentSchema.default({}),
  /** Files read by Docker at container start → .environmentFiles */
  environmentFiles: z.array(SecretSchema).default([]),
  /** Published ports → .ports, and the firewall unless bound to a loopback address */
  ports: z.array(PortSchema).default([]),
  /** → .volumes */
  volumes: z.array(VolumeSchema).default([]),
  /** Start order and waits → .dependsOn and, for "healthy", a wait for the health check */
  dependsOn: DependsOnSchema.default([]),
  /** → --health-* options */
  healthcheck: HealthcheckSchema.optional(),
  /** Docker's restart policy, mapped onto the unit's Restart=; default "unless-stopped" */
  restart: z.enum(["no", "always", "unless-stopped", "on-failure"]).default("unless-stopped"),
  /** Linux capabilities without the CAP_ prefix, e.g. "NET_ADMIN" → --cap-add */
  capAdd: z.array(z.string().regex(/^[A-Z_]+$/, { error: 'a capability looks like "NET_ADMIN"' })).default([]),
  /** → --cap-drop */
  capDrop: z.array(z.string().regex(/^[A-Z_]+$/, { error: 'a capability looks like "NET_RAW"' })).default([]),
  /** "/dev/net/tun:/dev/net/tun" or "/dev/net/tun" → --device */
  devices: z.array(z.string().regex(/^\/dev\/[^:]+(:\/dev\/[^:]+)?(:[rwm]+)?$/, { error: 'a device looks like "/dev/net/tun:/dev/net/tun"' })).default([]),
  /** Stack networks to join; default the stack's default network → --network */
  networks: z.array(z.string()).optional(),
  /** "host", "none" or "service:<container>" (share that container's network namespace) */
  networkMode: z
    .string()
    .regex(/^(host|none|service:[a-z0-9][a-z0-9_.-]*)$/, { error: 'networkMode is "host", "none" or "service:<container>"' })
    .optional(),
  /** DNS servers → --dns */
  dns: z.array(z.string()).default([]),
  /** → .labels; values are literal text */
  labels: LabelsSchema.default({}),
  /** Full access to the host; an opt-out that `gen-nix audit` lists. Default false */
  privileged: z.boolean().default(false),
  /** "uid:gid" or a user name inside the image → .user */
  user: z.string().optional(),
});
export type Container = z.output<typeof ContainerSchema>;

/** A user-defined bridge network of the stack. */
const NetworkSchema = z.strictObject({
  /** → --ipv6; default false */
  ipv6: z.boolean().default(false),
  /** No route out of the host → --internal; default false */
  internal: z.boolean().default(false),
});

/** A set of containers deployed together (key = stack name = compose project name). */
export const StackSchema = z.strictObject({
  /** "oci-containers" (default): one systemd unit per container; "compose": one `docker compose` unit */
  backend: z.enum(["oci-containers", "compose"]).default("oci-containers"),
  /** Where the stack keeps its files and state; "./…" volume sources resolve here. Default /var/lib/<stack> */
  directory: absolutePath().optional(),
  /** Networks by name; default one network named after the stack */
  networks: namedRecord(NetworkSchema, CONTAINER_NAME).optional(),
  /** Key = container name (unique on the host) */
  containers: namedRecord(ContainerSchema, CONTAINER_NAME).superRefine((containers, ctx) => {
    if (Object.keys(containers).length === 0) flag(ctx, [], "empty_stack", "a stack needs at least one container");
  }, KEYS_ONLY),
});
export type Stack = z.output<typeof StackSchema>;
export type StackInput = z.input<typeof StackSchema>;
