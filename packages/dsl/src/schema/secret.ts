// Secrets are references, never values: the Nix store is world-readable, so a password written
// into a generated file would be readable by every user of the host.
import { posix } from "node:path";
import * as z from "zod";
import { absolutePath, relativePath } from "./rules.ts";

/** A file on the host that holds the secret; gen-nix only ever writes its path. */
export const SecretFileSchema = z.strictObject({
  /** Absolute path on the host, e.g. "/run/secrets/pangolin.env" → the EnvironmentFile / environmentFiles entry that names it */
  secretFile: absolutePath(),
});

/** sops-nix decrypts into /run/secrets/<name>, so the name is a file name and an attribute name. */
const SOPS_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** sops-nix's formats (`sops.secrets.<name>.format`). */
export const SOPS_FORMATS = ["yaml", "json", "binary", "dotenv", "ini"] as const;
export type SopsFormat = (typeof SOPS_FORMATS)[number];

/** An encrypted file in the repository, decrypted on the host at activation by sops-nix. */
export const SopsSecretSchema = z.strictObject({
  sops: z.strictObject({
    /** → sops.secrets.<name>; the decrypted file is config.sops.secrets.<name>.path (/run/secrets/<name>) */
    name: z.string().regex(SOPS_NAME, {
      error: "a sops secret name is a file name: letters, digits, '.', '_' or '-', e.g. myapp-env",
    }),
    /** The encrypted file, relative to the config file's directory → sops.secrets.<name>.sopsFile */
    sopsFile: relativePath(),
    /** Key inside the file → sops.secrets.<name>.key; sops-nix's default is the name, "" the whole file */
    key: z.string().optional(),
    /** → sops.secrets.<name>.format; default from the file's extension as sops itself does (.env → dotenv, …) */
    format: z.enum(SOPS_FORMATS).optional(),
  }),
});

/** Every way to name a secret; a plain string is deliberately not one of them. */
export const SecretSchema = z.union([SecretFileSchema, SopsSecretSchema], {
  error:
    'a secret must be a reference such as secret.file("/run/secrets/name") or secret.sops("name", { sopsFile }), never the value itself',
});
export type Secret = z.output<typeof SecretSchema>;
export type SecretInput = z.input<typeof SecretSchema>;

/** The format sops-nix should decrypt `sopsFile` as, when not given: what sops infers from the extension. */
export function sopsFormatOf(sopsFile: string): SopsFormat {
  const ext = posix.extname(sopsFile).toLowerCase();
  if (ext === ".yaml" || ext === ".yml") return "yaml";
  if (ext === ".json") return "json";
  if (ext === ".env") return "dotenv";
  if (ext === ".ini") return "ini";
  return "binary";
}

/** Builders for secret references. */
export const secret = {
  /**
   * A file already on the host (put there by you, agenix, systemd-creds, …).
   *
   * ```ts
   * environmentFile: secret.file("/run/secrets/myapp.env")
   * ```
   * ```nix
   * EnvironmentFile = "/run/secrets/myapp.env";
   * ```
   */
  file: (path: string) => ({ secretFile: path }),
  /**
   * A secret in a sops-encrypted file of this repository, decrypted on the host by sops-nix with
   * the host's SSH ed25519 key. The flake gains the sops-nix input; the secret belongs to the
   * app that uses it and restarts it when it changes.
   *
   * ```ts
   * environmentFile: secret.sops("myapp-env", { sopsFile: "./secrets/prod.env", key: "" })
   * ```
   * ```nix
   * sops.secrets."myapp-env" = { sopsFile = ../../secrets/prod.env; format = "dotenv"; key = ""; owner = "myapp"; … };
   * EnvironmentFile = config.sops.secrets."myapp-env".path;
   * ```
   */
  sops: (name: string, options: { sopsFile: string; key?: string; format?: SopsFormat }) => ({
    sops: { name, ...options },
  }),
};
