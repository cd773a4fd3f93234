/**
 * Secret references in generated modules. Only a path ever reaches the store: the file's own,
 * or where sops-nix puts the decrypted file (`config.sops.secrets.<name>.path`, which modules
 * read through `config` rather than repeat, so a changed `path` option follows along).
 */
import { n } from "../ast/build.ts";
import type { Expr } from "../ast/nodes.ts";
import type { SecretRef } from "@gen-nix/dsl";

/** The path of the file holding the secret on the host. */
export function secretPath(ref: SecretRef): Expr {
  return ref.kind === "file" ? n.str(ref.path) : n.select(n.ident("config"), ["sops", "secrets", ref.name, "path"]);
}

/**
 * The path for files outside Nix (a compose file), which cannot read `config`: sops-nix's
 * default place, `/run/secrets/<name>` (its `defaultSymlinkPath`), which gen-nix never changes.
 */
export const composeSecretPath = (ref: SecretRef): string =>
  ref.kind === "file" ? ref.path : `/run/secrets/${ref.name}`;
