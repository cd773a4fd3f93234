import * as z from "zod";
import { ATTR_PATH, parseCommand } from "../template.ts";
import { SecretSchema } from "./secret.ts";
import { ENV_NAME, absolutePath, flag, namedRecord, relativePath } from "./rules.ts";

/** A command line checked by the template parser: see `parseCommand`. */
const CommandSchema = z.string().superRefine((text, ctx) => {
  for (const problem of parseCommand(text).problems) flag(ctx, [], problem.code, problem.message);
});

/** The app's package: an output of a flake input, or a directory next to the config. */
export const AppPackageSchema = z.union(
  [
    z.strictObject({
      /** Flake input holding the app → inputs.<input>.packages.<system>.<attr> */
      input: z.string(),
      /** Attribute under packages.<system> → inputs.<input>.packages.<system>.<attr>; default "default" */
      attr: z
        .string()
        .regex(ATTR_PATH, { error: "attr must be a Nix attribute path such as default or server" })
        .default("default"),
    }),
    z.strictObject({
      /** Directory relative to the config file → the package's Nix path literal (`./apps/myapp`) */
      path: relativePath(),
    }),
  ],
  { error: "package must be { input: string, attr?: string } or { path: string }" },
);
export type AppPackage = z.output<typeof AppPackageSchema>;

const EnvironmentSchema = namedRecord(z.string(), ENV_NAME, {
  // gen-nix sets these from `port` and `database`; letting users set them too would hide a conflict.
  keys: ["PORT", "DATABASE_URL"],
  code: "reserved_env",
  message: (key) => `${key} is set by gen-nix (from port/database); remove it`,
});

/** One long-running service (key = app name = system user = unit name). */
export const AppSchema = z.strictObject({
  /** Port the app listens on → systemd.services.<app>.environment.PORT; Caddy proxies to 127.0.0.1:<port> */
  port: z.int().min(1).max(65535),
  /** → systemd.services.<app>.serviceConfig.WorkingDirectory and the `{package}` placeholder */
  package: AppPackageSchema,
  /** → systemd.services.<app>.serviceConfig.ExecStart */
  start: CommandSchema,
  /** → systemd.services.<app>.serviceConfig.ExecStartPre */
  migrate: CommandSchema.optional(),
  /** → systemd.services.<app>.environment.<KEY> */
  environment: EnvironmentSchema.default({}),
  /** A secret reference, secret.file(…) or secret.sops(…) → systemd.services.<app>.serviceConfig.EnvironmentFile */
  environmentFile: SecretSchema.optional(),
  /** Database in the host's postgres → systemd.services.<app>.environment.DATABASE_URL, requires postgresql.service */
  database: z.string().optional(),
  /** → systemd.services.<app>.serviceConfig.RestartSec; default 5 */
  restartSec: z.int().min(0).default(5),
  /** Extra absolute paths → systemd.services.<app>.serviceConfig.ReadWritePaths */
  readWritePaths: z.array(absolutePath()).default([]),
  /** → systemd.services.<app>.serviceConfig sandboxing (NoNewPrivileges, ProtectSystem = "strict", PrivateDevices, CapabilityBoundingSet = "", …); default true; false warns */
  hardening: z.boolean().default(true),
});
export type App = z.output<typeof AppSchema>;
