// Public API of gen-nix's DSL: what `infra.config.ts` and the CLI import.
export { defineInfra } from "./define.ts";
export { resolveInfra } from "./resolve.ts";
export { InfraConfigError, formatDiagnostics, formatPath } from "./errors.ts";
export { closestName, editDistance } from "./suggest.ts";
export { quote, escapeUnsafe } from "./quote.ts";

export { InfraSchema, FlakeInputSchema, type Infra, type InfraInput, type FlakeInput } from "./schema/infra.ts";
export { HostSchema, AdminSchema, SshSchema, type Host, type Admin, type Ssh } from "./schema/host.ts";
export { PostgresSchema, type Postgres } from "./schema/postgres.ts";
export { AppSchema, AppPackageSchema, type App, type AppPackage } from "./schema/app.ts";
export { CaddySchema, SiteSchema, type Caddy, type Site } from "./schema/caddy.ts";

export type {
  Model,
  FlakeInputModel,
  HostModel,
  AppModel,
  SiteModel,
  PackageRef,
  TemplatePart,
  CommandLine,
  Diagnostic,
} from "./model.ts";
