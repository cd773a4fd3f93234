// Secrets are references, never values: the Nix store is world-readable, so a password written
// into a generated file would be readable by every user of the host.
import { z } from "zod";
import { absolutePath } from "./rules.ts";

const NOT_A_REFERENCE = 'a secret must be a reference such as secret.file("/run/secrets/name"), never the value itself';

/** A file on the host that holds the secret; gen-nix only ever writes its path. */
export const SecretFileSchema = z.strictObject(
  {
    /** Absolute path on the host, e.g. "/run/secrets/pangolin.env" */
    secretFile: absolutePath(),
  },
  // A union of one member reports that member's issues, so the hint is given here as well.
  { error: (issue) => (issue.code === "invalid_type" ? NOT_A_REFERENCE : undefined) },
);

/** Every way to name a secret; a plain string is deliberately not one of them. */
export const SecretSchema = z.union([SecretFileSchema], { error: NOT_A_REFERENCE });
export type Secret = z.output<typeof SecretSchema>;
export type SecretInput = z.input<typeof SecretSchema>;

/** Builders for secret references. */
export const secret = {
  /**
   * A file already on the host (put there by you, sops-nix, agenix, systemd-creds, …).
   *
   * ```ts
   * environmentFiles: [secret.file("/run/secrets/pangolin.env")]
   * ```
   */
  file: (path: string): Secret => ({ secretFile: path }),
};
