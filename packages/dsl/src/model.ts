// The resolved model: everything the emitters need, validated, defaulted and cross-referenced.
// Emitters never look at the raw config. Config order is kept for hosts, apps, sites, admins and
// databases; only `inputs` and `firewall` ports are sorted.

/** The whole flake. */
export interface Model {
  /** Branch of github:NixOS/nixpkgs, e.g. "nixos-26.05" → inputs.nixpkgs.url */
  nixpkgsBranch: string;
  /** Extra flake inputs, sorted by name → inputs.<name> */
  inputs: FlakeInputModel[];
  /** One per host → nixosConfigurations.<name> */
  hosts: HostModel[];
  /** Non-fatal findings (e.g. hardening turned off); the CLI prints them. */
  warnings: Diagnostic[];
}

/** A flake input carrying an app's source. */
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
  /** Sorted ascending, unique: the ssh port, plus 80/443 when Caddy serves sites → networking.firewall */
  firewall: { tcp: number[]; udp: number[] };
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
  environmentFile?: string;
  /** Database the app owns; the host's postgres has it */
  database?: string;
  /** → environment.DATABASE_URL (set together with `database`) */
  databaseUrl?: string;
  /** → serviceConfig.RestartSec */
  restartSec: number;
  /** Extra absolute paths → serviceConfig.ReadWritePaths */
  readWritePaths: string[];
  /** → NoNewPrivileges, ProtectSystem = "strict", ProtectHome, PrivateTmp */
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
