/**
 * `hosts/<host>/secrets.nix`: the sops-nix secrets of the host. Each is decrypted at activation
 * with the host's SSH ed25519 key into /run/secrets/<name>, readable by its owner only, and the
 * units that read it restart when it changes. The encrypted file is copied into the store; the
 * plain text never is.
 */
import { n } from "../ast/build.ts";
import type { Binding } from "../ast/nodes.ts";
import type { HostModel, SopsSecretModel } from "@gen-nix/dsl";
import { type EmitOptions, type GeneratedFile, fromSource, moduleFile, relativePath } from "./file.ts";

/** sops-nix's own default when openssh is enabled (its ed25519 host key), spelt out: it is the key to add to .sops.yaml. */
const SOPS_AGE_KEY = "/etc/ssh/ssh_host_ed25519_key";

function secret(s: SopsSecretModel, dir: string, opts: EmitOptions, first: boolean): Binding {
  return n.assign(
    ["sops", "secrets", s.name],
    n.set([
      n.assign("sopsFile", relativePath(dir, fromSource(opts, s.sopsFile))),
      // yaml is sops-nix's default format (sops.defaultSopsFormat).
      ...(s.format !== "yaml" ? [n.assign("format", s.format)] : []),
      ...(s.key !== undefined ? [n.assign("key", s.key)] : []),
      ...(s.owner !== undefined ? [n.assign("owner", s.owner)] : []),
      ...(s.restartUnits.length > 0 ? [n.assign("restartUnits", s.restartUnits)] : []),
    ]),
    first ? { blankBefore: true } : {},
  );
}

export function emitSops(host: HostModel, opts: EmitOptions): GeneratedFile {
  const dir = `hosts/${host.name}`;
  const body = n.set([
    n.assign("sops.age.sshKeyPaths", [SOPS_AGE_KEY]),
    ...host.sops!.secrets.map((s, i) => secret(s, dir, opts, i === 0)),
  ]);
  return moduleFile(`${dir}/secrets.nix`, body);
}
