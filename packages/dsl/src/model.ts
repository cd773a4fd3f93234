// The resolved model: everything the emitters need, validated, defaulted and cross-referenced.
// Emitters never look at the raw config. Config order is kept for hosts, apps, sites, admins and
// databases; `inputs` and a Pangolin host's ports are sorted.
import type { DiskoModel } from "./model-disko.ts";

/** The whole flake. */
export interface Model {
  /** Branch of github:NixOS/nixpkgs, e.g. "nixos-26.05" → inputs.nixpkgs.url */
  nixpkgsBranch: string;
  /** Flake inputs besides nixpkgs, sorted by name: the config's, and disko / sops-nix when a host needs them → inputs.<name> */
  inputs: FlakeInputModel[];
  /** One per host → nixosConfigurations.<name> */
  hosts: HostModel[];
  /** Non-fatal findings the CLI prints on every run: the opt-outs below (except the audit-only ones) and advisories. */
  warnings: Diagnostic[];
  /** Every insecure choice the config makes on purpose, with how to undo it → `gen-nix audit` */
  optOuts: OptOut[];
}

/** A flake input: an app's source, or a module the output uses (disko, sops-nix). */
export interface FlakeInputModel {
  name: string;
  url: string;
  /** → inputs.<name>.inputs.nixpkgs.follows = "nixpkgs" */
  followsNixpkgs: boolean;
}

/** One NixOS machine. */
export interface HostModel {
  /** → networking.hostName */
  name: string;
  /** → nixpkgs.hostPlatform */
  system: "x86_64-linux" | "aarch64-linux";
  /** → system.stateVersion */
  stateVersion: string;
  /** → time.timeZone */
  timeZone?: string;
  /** → users.users.<name> (isNormalUser, wheel, openssh.authorizedKeys.keys) */
  admins: { name: string; sshKeys: string[] }[];
  /** → services.openssh (ports, settings.PermitRootLogin; password auth always off) */
  ssh: { port: number; permitRootLogin: "no" | "prohibit-password" };
  /** Posix paths relative to the config file's directory, normalised → imports */
  extraModules: string[];
  /** → services.postgresql */
  postgres?: { version: number; databases: string[]; authentication: "peer" | "trust" };
  /** → systemd.services.<name> + users.users.<name> */
  apps: AppModel[];
  /** Present only when there is at least one site → services.caddy */
  caddy?: { email: string; sites: SiteModel[] };
  /** Container stacks, in config order → virtualisation.oci-containers or a compose unit */
  stacks: StackModel[];
  /** Pangolin as configured; with a Docker backend its containers are also the last of `stacks` */
  pangolin?: PangolinModel;
  /** Directories holding data the host cannot recreate from the config, in config order (for backups) */
  state: StateModel[];
  /** Present only when an app or container uses a sops secret → sops.secrets, and the sops-nix module */
  sops?: { secrets: SopsSecretModel[] };
  /** → hosts/<host>/disko.nix, hosts/<host>/boot.nix, the disko flake input */
  disko?: DiskoModel;
  /** SSH address for nixos-anywhere and nixos-rebuild → DEPLOY.md */
  address?: string;
}

/** Data on the host that a rebuild does not bring back: what a backup of the host must copy. */
export interface StateModel {
  /** Absolute directory */
  path: string;
  /** What lives there, for people, e.g. "Pangolin: SQLite database, WireGuard key, certificates" */
  what: string;
}

/** Pangolin, resolved: defaults applied, the dashboard domain spelled out. */
export interface PangolinModel {
  /** Docker backends become the stack "pangolin"; "native" → services.pangolin */
  backend: "oci-containers" | "compose" | "native";
  baseDomain: string;
  dashboardDomain: string;
  /** Let's Encrypt account */
  email: string;
  /** Holds SERVER_SECRET (and EMAIL_SMTP_USER / EMAIL_SMTP_PASS with smtp) */
  environmentFile: SecretRef;
  smtp?: { host: string; port: number; noReply: string; secure: boolean };
  /** Gerbil (tunnels) runs */
  gerbil: boolean;
  httpPort: number;
  httpsPort: number;
  /** HTTP/3 on the HTTPS port, which then is published over UDP as well */
  http3: boolean;
  wireguardPort: number;
  clientsPort: number;
  logLevel: "debug" | "info" | "warn" | "error";
  telemetry: boolean;
  images: { pangolin: string; gerbil: string; traefik: string };
  badgerVersion: string;
  /** The stack directory / services.pangolin.dataDir */
  directory: string;
  /** Ports Pangolin opens on the host, sorted */
  ports: { tcp: number[]; udp: number[] };
  /** What Gerbil needs from the host kernel, whichever backend runs it → boot.kernel.sysctl */
  sysctl: [string, number | string][];
  /** → boot.kernelModules */
  kernelModules: string[];
}

/** Where an app's package comes from. */
export type PackageRef =
  | { kind: "input"; input: string; attr: string }
  | { kind: "path"; path: string };

/** Literal text, `${pkgs.<attr path>}`, or the app's own package. Emitters escape literal text. */
export type TemplatePart = string | { pkgs: string } | { package: true };

/** Words of a command; each word is a list of parts (adjacent strings merged). */
export type CommandLine = TemplatePart[][];

/** One long-running service. */
export interface AppModel {
  /** Unit name, system user and group */
  name: string;
  /** → environment.PORT */
  port: number;
  package: PackageRef;
  /** → serviceConfig.ExecStart */
  start: CommandLine;
  /** → serviceConfig.ExecStartPre */
  migrate?: CommandLine;
  /** In config order → environment */
  environment: [string, string][];
  /** → serviceConfig.EnvironmentFile */
  environmentFile?: SecretRef;
  /** Database the app owns; the host's postgres has it */
  database?: string;
  /** → environment.DATABASE_URL (set together with `database`) */
  databaseUrl?: string;
  /** → serviceConfig.RestartSec */
  restartSec: number;
  /** Extra absolute paths → serviceConfig.ReadWritePaths */
  readWritePaths: string[];
  /** → the systemd sandbox of app-service.ts (NoNewPrivileges, ProtectSystem = "strict", PrivateDevices, …) */
  hardening: boolean;
}

/** One Caddy virtual host. */
export interface SiteModel {
  /** Lowercase domain, optionally with a leading `*.` → services.caddy.virtualHosts.<domain> */
  domain: string;
  /** `reverse_proxy 127.0.0.1:<port>` or `root * <dir>` + `file_server` */
  target: { kind: "app"; app: string; port: number } | { kind: "root"; dir: string };
  /** Raw Caddyfile lines; `{package}` only occurs when the target is an app */
  extraConfig?: TemplatePart[];
}

/**
 * Where a secret comes from at run time; only its path ever reaches the store: the file's own, or
 * `config.sops.secrets.<name>.path` for a secret the host's `sops` decrypts.
 */
export type SecretRef = { kind: "file"; path: string } | { kind: "sops"; name: string };

/** One sops-nix secret of a host → sops.secrets.<name> */
export interface SopsSecretModel {
  name: string;
  /** Posix path relative to the config file's directory, normalised → sopsFile (a path literal) */
  sopsFile: string;
  format: "yaml" | "json" | "binary" | "dotenv" | "ini";
  /** → key; absent means sops-nix's default (the name) */
  key?: string;
  /** The app (system user) that reads it → owner; absent for root (container runtimes read as root) */
  owner?: string;
  /** Units that read it, restarted when it changes → restartUnits */
  restartUnits: string[];
}

/** A set of containers deployed together. */
export interface StackModel {
  /** Compose project name; default network name */
  name: string;
  backend: "oci-containers" | "compose";
  /** Absolute; "./…" volume sources were resolved against it */
  directory: string;
  /** User-defined bridge networks, in config order (the default one is named after the stack) */
  networks: { name: string; ipv6: boolean; internal: boolean }[];
  /** In config order */
  containers: ContainerModel[];
  /** Generated files installed into `directory` before the containers start (e.g. Pangolin's config.yml) */
  files: StackFileModel[];
  /** Kernel settings the containers need → boot.kernel.sysctl, in config order */
  sysctl: [string, number | string][];
  /** → boot.kernelModules */
  kernelModules: string[];
}

/** A file the stack reads, written next to the stack's Nix module and copied into its directory. */
export interface StackFileModel {
  /** Posix path relative to the stack directory, e.g. "config/traefik/traefik_config.yml" */
  path: string;
  /** Serialised by the emitter: YAML from a plain value (keys in insertion order), or text as is */
  content: { yaml: unknown } | { text: string };
}

/** One container, normalised: short forms expanded, relative paths resolved. */
export interface ContainerModel {
  /** Container name → virtualisation.oci-containers.containers.<name>, unit docker-<name> */
  name: string;
  image: string;
  entrypoint?: string[];
  command?: string[];
  /** In config order */
  environment: [string, string][];
  environmentFiles: SecretRef[];
  ports: { host: number; container: number; protocol: "tcp" | "udp"; bind?: string }[];
  /** `kind: "bind"` sources are absolute host paths; `kind: "volume"` sources are volume names */
  volumes: { kind: "bind" | "volume"; source: string; target: string; readOnly: boolean }[];
  dependsOn: { name: string; condition: "started" | "healthy" | "completed" }[];
  /** `test` in Docker's form: ["CMD", …] or ["CMD-SHELL", "…"] */
  healthcheck?: { test: string[]; interval?: string; timeout?: string; retries?: number; startPeriod?: string };
  restart: "no" | "always" | "unless-stopped" | "on-failure";
  capAdd: string[];
  capDrop: string[];
  devices: string[];
  /** Stack networks joined (empty when networkMode is set) */
  networks: string[];
  /** Another container's namespace, the host's, or none */
  networkMode?: { kind: "service"; name: string } | { kind: "host" } | { kind: "none" };
  dns: string[];
  labels: [string, string][];
  privileged: boolean;
  user?: string;
}

/** A weaker setting chosen on purpose: a warning on every run, and a line of `gen-nix audit`. */
export interface OptOut extends Diagnostic {
  /** One line: how to go back to the secure default */
  undo: string;
  /**
   * Listed by `gen-nix audit` only, not warned about on every run: a deliberate declaration
   * (such as a published port) whose risk is worth reviewing but is not a mistake.
   */
  auditOnly?: true;
}

/** A problem (or warning) located in the config. */
export interface Diagnostic {
  /** Keys from the config root, e.g. ["hosts", "prod", "apps", "myapp", "database"] */
  path: (string | number)[];
  /** Stable machine-readable code, e.g. "unknown_database" or zod's "invalid_type" */
  code: string;
  message: string;
  /** The likely intended value for a misspelt name or key, e.g. "myapp" for "myap" */
  suggestion?: string;
  /** The problem is the key at the end of `path` (a name, a domain), not the value under it */
  key?: true;
}
