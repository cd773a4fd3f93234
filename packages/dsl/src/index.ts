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
export { SecretSchema, secret, type Secret, type SecretInput, type SopsFormat } from "./schema/secret.ts";
export {
  StackSchema,
  ContainerSchema,
  PortSchema,
  VolumeSchema,
  HealthcheckSchema,
  type Stack,
  type StackInput,
  type Container,
} from "./schema/stack.ts";
export { CaddySchema, SiteSchema, type Caddy, type Site } from "./schema/caddy.ts";
export {
  PangolinSchema,
  PangolinSmtpSchema,
  PANGOLIN_IMAGES,
  BADGER_VERSION,
  pangolin,
  type Pangolin,
  type PangolinInput,
} from "./schema/pangolin.ts";
export { pangolinAppSettings, pangolinFlags, smtpSettings } from "./resolve/pangolin-files.ts";
export { isLoopbackBind } from "./resolve/build-stack.ts";

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
  OptOut,
  SecretRef,
  SopsSecretModel,
  StackModel,
  StackFileModel,
  ContainerModel,
  PangolinModel,
  StateModel,
} from "./model.ts";

export { DiskoSchema, type Disko, type DiskoInput } from "./schema/disko.ts";
export {
  hetznerCloud,
  raid1,
  luksRoot,
  btrfsSubvolumes,
  zfsPool,
  type HetznerCloudOptions,
  type Raid1Options,
  type LuksRootOptions,
  type BtrfsSubvolumesOptions,
  type ZfsPoolOptions,
} from "./builders/disko.ts";
export type * from "./model-disko.ts";
