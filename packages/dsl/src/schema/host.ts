import * as z from "zod";
import { AppSchema } from "./app.ts";
import { AddressSchema } from "./address.ts";
import { CaddySchema } from "./caddy.ts";
import { PangolinSchema } from "./pangolin.ts";
import { DiskoSchema } from "./disko.ts";
import { PostgresSchema } from "./postgres.ts";
import { CONTAINER_NAME, StackSchema } from "./stack.ts";
import { namedRecord, relativePath, unixName } from "./rules.ts";

/** One OpenSSH public key line: type, base64 blob, optional comment. */
const SSH_KEY =
  /^(ssh-(ed25519|rsa)|ecdsa-sha2-nistp(256|384|521)|sk-ssh-ed25519@openssh\.com|sk-ecdsa-sha2-nistp256@openssh\.com) [A-Za-z0-9+/=]+( .*)?$/;

/** A human who logs in with SSH and administers the host through sudo. */
export const AdminSchema = z.strictObject({
  /** → users.users.<admin>.openssh.authorizedKeys.keys (user is isNormalUser, extraGroups = [ "wheel" ]) */
  sshKeys: z
    .array(z.string().regex(SSH_KEY, { error: "not an OpenSSH public key line (e.g. ssh-ed25519 AAAA… you@laptop)" }))
    .min(1, { error: "an admin needs at least one SSH key (password login is off)" }),
});
export type Admin = z.output<typeof AdminSchema>;

/** The SSH daemon; password authentication is always off. */
export const SshSchema = z.strictObject({
  /** → services.openssh.ports = [ <port> ] and the firewall; default 22 */
  port: z.int().min(1).max(65535).default(22),
  /** → services.openssh.settings.PermitRootLogin; default "prohibit-password" */
  permitRootLogin: z.enum(["no", "prohibit-password"]).default("prohibit-password"),
});
export type Ssh = z.output<typeof SshSchema>;

/** One NixOS machine (key = host name). */
export const HostSchema = z.strictObject({
  /** → nixpkgs.hostPlatform (and nixosConfigurations.<host>.system); default "x86_64-linux" */
  system: z.enum(["x86_64-linux", "aarch64-linux"]).default("x86_64-linux"),
  /** NixOS release first installed; never change it → system.stateVersion */
  stateVersion: z.string().regex(/^\d\d\.\d\d$/, { error: 'stateVersion must look like "25.11"' }),
  /** → time.timeZone */
  timeZone: z.string().regex(/^\S+$/, { error: 'timeZone must not contain spaces, e.g. "Europe/Berlin"' }).optional(),
  /** Key = user name → users.users.<admin> */
  admins: namedRecord(AdminSchema, unixName("admin")).default({}),
  /** → services.openssh */
  ssh: SshSchema.prefault({}),
  /** Extra NixOS modules, relative to the config file's directory → imports */
  modules: z.array(relativePath()).default([]),
  /** → services.postgresql */
  postgres: PostgresSchema.optional(),
  /** Key = app name = system user = unit name → systemd.services.<app>, users.users.<app> */
  apps: namedRecord(AppSchema, unixName("app")).default({}),
  /** → services.caddy */
  caddy: CaddySchema.optional(),
  /** Key = stack name → virtualisation.oci-containers.containers or a `docker compose` unit */
  stacks: namedRecord(StackSchema, CONTAINER_NAME).default({}),
  /** Pangolin and its Traefik and Gerbil: the stack "pangolin", or services.pangolin with backend "native" */
  pangolin: PangolinSchema.optional(),
  /** Disk layout → hosts/<host>/disko.nix (disko.devices) and the boot loader in hosts/<host>/boot.nix */
  disko: DiskoSchema.optional(),
  /** IP address or DNS name for SSH → the install and deploy commands in DEPLOY.md */
  address: AddressSchema.optional(),
});
export type Host = z.output<typeof HostSchema>;
