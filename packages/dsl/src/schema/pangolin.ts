// Pangolin (fosrl/pangolin): an identity-aware tunnelled reverse proxy. The preset declares what
// Pangolin's own installer sets up (install/config/*): the pangolin, gerbil and traefik containers,
// config.yml and Traefik's static and dynamic configuration. Secrets never enter config.yml:
// Pangolin reads SERVER_SECRET, EMAIL_SMTP_USER and EMAIL_SMTP_PASS from its environment
// (server/lib/readConfigFile.ts), which comes from `environmentFile`.
import * as z from "zod";
import { domainProblem } from "./caddy.ts";
import { absolutePath, flag } from "./rules.ts";
import { SecretSchema } from "./secret.ts";
import { IMAGE_REFERENCE, floatingTag } from "./stack.ts";

/** Images pinned for the Docker backends (the installer writes `latest`, which gen-nix refuses). */
export const PANGOLIN_IMAGES = {
  pangolin: "docker.io/fosrl/pangolin:1.24.0",
  gerbil: "docker.io/fosrl/gerbil:1.5.2",
  traefik: "docker.io/traefik:v3.7.14",
} as const;

/** Traefik plugin that enforces Pangolin's authentication; Traefik downloads it at start. */
export const BADGER_VERSION = "v1.7.0";

/** A domain without a wildcard, e.g. "example.com". */
const Domain = z.string().superRefine((domain, ctx) => {
  const problem = domain.startsWith("*.") ? `domain "${domain}" must not be a wildcard` : domainProblem(domain);
  if (problem) flag(ctx, [], "invalid_domain", problem);
});

const Port = z.int().min(1).max(65535);

/** An image with a pinned tag or digest; a floating `latest` or a missing tag is refused. */
const PinnedImage = z
  .string()
  .regex(IMAGE_REFERENCE, {
    error: 'an image looks like "docker.io/fosrl/pangolin:1.24.0" or "name@sha256:<64 hex digits>"',
  })
  .superRefine((image, ctx) => {
    if (floatingTag(image) !== undefined) {
      const message = `image "${image}" has no pinned tag; name a version, e.g. "${image.replace(/:latest$/, "")}:1.2.3"`;
      flag(ctx, [], "unpinned_image", message);
    }
  });

/** Outgoing mail for invitations and e-mail verification; credentials come from the environment file. */
export const PangolinSmtpSchema = z.strictObject({
  /** → config.yml email.smtp_host */
  host: z.string().regex(/^[A-Za-z0-9.-]+$/, { error: 'an SMTP host is a host name such as "smtp.example.com"' }),
  /** → email.smtp_port; default 587 */
  port: Port.default(587),
  /** Sender address → email.no_reply (Pangolin requires it when e-mail is on) */
  noReply: z.email({ error: 'noReply must be an e-mail address, e.g. "noreply@example.com"' }),
  /** Implicit TLS (port 465) → email.smtp_secure; default false (STARTTLS) */
  secure: z.boolean().default(false),
});

/** Pangolin with its tunnel server (Gerbil) behind Traefik, as Pangolin's installer sets it up. */
export const PangolinSchema = z.strictObject({
  /**
   * "oci-containers" (default): one systemd unit per container; "compose": a docker-compose.yml
   * run by one unit; "native": nixpkgs' services.pangolin (pangolin, gerbil and services.traefik
   * as systemd units, no Docker)
   */
  backend: z.enum(["oci-containers", "compose", "native"]).default("oci-containers"),
  /** Domain the resources live under → config.yml domains.domain1.base_domain / services.pangolin.baseDomain */
  baseDomain: Domain,
  /** Dashboard host → app.dashboard_url, gerbil.base_endpoint, Traefik's dashboard routers / services.pangolin.dashboardDomain; default "pangolin.<baseDomain>" */
  dashboardDomain: Domain.optional(),
  /** Let's Encrypt account → Traefik certificatesResolvers.letsencrypt.acme.email / services.pangolin.letsEncryptEmail */
  email: z.email({ error: 'email must be an e-mail address for Let\'s Encrypt, e.g. "ops@example.com"' }),
  /**
   * Environment file on the host with SERVER_SECRET=<at least 8 characters> (and, with `smtp`,
   * EMAIL_SMTP_USER and EMAIL_SMTP_PASS) → the pangolin container's environmentFiles /
   * services.pangolin.environmentFile. Only its path is written.
   */
  environmentFile: SecretSchema,
  /** → config.yml email.* and flags.require_email_verification; absent: no e-mail */
  smtp: PangolinSmtpSchema.optional(),
  /** Gerbil, the WireGuard tunnel server for Newt sites and clients; default true */
  gerbil: z.boolean().default(true),
  /** Host port for HTTP (ACME HTTP-01 and redirects); default 80 */
  httpPort: Port.default(80),
  /** Host port for HTTPS (dashboard and resources); default 443 */
  httpsPort: Port.default(443),
  /** HTTP/3 on the HTTPS port (UDP) → Traefik entryPoints.websecure.http3; default true with Docker (as the installer), false with native */
  http3: z.boolean().optional(),
  /** UDP port of the site tunnels (Newt) → gerbil.start_port; default 51820 */
  wireguardPort: Port.default(51820),
  /** UDP port of the client relay / hole punching → gerbil.clients_start_port; default 21820 */
  clientsPort: Port.default(21820),
  /** → app.log_level; default "info" */
  logLevel: z.enum(["debug", "info", "warn", "error"]).default("info"),
  /** Anonymous usage statistics → app.telemetry.anonymous_usage; default false */
  telemetry: z.boolean().default(false),
  /** Container images (Docker backends only); default the versions in PANGOLIN_IMAGES */
  images: z
    .strictObject({ pangolin: PinnedImage.optional(), gerbil: PinnedImage.optional(), traefik: PinnedImage.optional() })
    .optional(),
  /** Badger plugin version → Traefik experimental.plugins.badger.version (Docker backends only); default BADGER_VERSION */
  badgerVersion: z.string().regex(/^v\d+\.\d+\.\d+$/, { error: 'badgerVersion looks like "v1.7.0"' }).optional(),
  /** Stack directory and state: config/ holds the database, WireGuard key and certificates → services.pangolin.dataDir; default /var/lib/pangolin */
  directory: absolutePath().default("/var/lib/pangolin"),
});
export type Pangolin = z.output<typeof PangolinSchema>;
export type PangolinInput = z.input<typeof PangolinSchema>;

/**
 * Typed builder for a host's `pangolin` field; it returns its argument, and validation and
 * defaults happen in `resolveInfra`. Not generic, so a misspelt option fails to compile here too.
 *
 * ```ts
 * pangolin: pangolin({
 *   baseDomain: "example.com",
 *   email: "ops@example.com",
 *   environmentFile: secret.file("/run/secrets/pangolin.env"),
 * })
 * ```
 * ```nix
 * virtualisation.oci-containers.containers.pangolin.image = "docker.io/fosrl/pangolin:1.24.0";
 * ```
 */
export function pangolin(options: PangolinInput): PangolinInput {
  return options;
}
