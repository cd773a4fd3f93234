// Secret references → the Model: what consumers point at, and the host's sops-nix secrets with
// the owner and the units that read each one.
import type { HostModel, SecretRef, SopsSecretModel } from "../model.ts";
import { normaliseRelative } from "../paths.ts";
import type { Host } from "../schema/host.ts";
import { type Secret, sopsFormatOf } from "../schema/secret.ts";

type Path = (string | number)[];

export function secretRef(secret: Secret): SecretRef {
  return "secretFile" in secret ? { kind: "file", path: secret.secretFile } : { kind: "sops", name: secret.sops.name };
}

/** One use of a sops secret: where in the config, and who reads it. */
export interface SopsUse {
  path: Path;
  secret: Omit<SopsSecretModel, "owner" | "restartUnits">;
  owner?: string;
  unit?: string;
}

function sopsSecret(secret: Extract<Secret, { sops: unknown }>): SopsUse["secret"] {
  const { name, sopsFile, key, format } = secret.sops;
  return { name, sopsFile: normaliseRelative(sopsFile), format: format ?? sopsFormatOf(sopsFile), ...(key !== undefined && { key }) };
}

/** Every use of a sops secret on the host, apps first, in config order. */
export function sopsUses(host: Host, at: Path = []): SopsUse[] {
  const uses: SopsUse[] = [];
  for (const [name, app] of Object.entries(host.apps)) {
    const ref = app.environmentFile;
    if (ref && "sops" in ref) {
      uses.push({ path: [...at, "apps", name, "environmentFile"], secret: sopsSecret(ref), owner: name, unit: `${name}.service` });
    }
  }
  for (const [stackName, stack] of Object.entries(host.stacks)) {
    for (const [name, container] of Object.entries(stack.containers)) {
      container.environmentFiles.forEach((ref, i) => {
        if (!("sops" in ref)) return;
        const path = [...at, "stacks", stackName, "containers", name, "environmentFiles", i];
        // The container runtime reads environment files as root, so no owner.
        const unit = stack.backend === "oci-containers" ? `docker-${name}.service` : `docker-compose-${stackName}.service`;
        uses.push({ path, secret: sopsSecret(ref), unit });
      });
    }
  }
  const pangolin = host.pangolin;
  if (pangolin && "sops" in pangolin.environmentFile) {
    const unit = { "oci-containers": "docker-pangolin.service", compose: "docker-compose-pangolin.service", native: "pangolin.service" }[pangolin.backend];
    uses.push({ path: [...at, "pangolin", "environmentFile"], secret: sopsSecret(pangolin.environmentFile), unit });
  }
  return uses;
}

/** The host's sops-nix secrets, one per name (check-secrets.ts made the uses agree), or undefined. */
export function buildSops(host: Host): HostModel["sops"] {
  const byName = new Map<string, SopsSecretModel>();
  for (const use of sopsUses(host)) {
    const entry = byName.get(use.secret.name) ?? { ...use.secret, restartUnits: [] };
    if (use.owner !== undefined) entry.owner = use.owner;
    if (use.unit !== undefined && !entry.restartUnits.includes(use.unit)) entry.restartUnits.push(use.unit);
    byName.set(use.secret.name, entry);
  }
  return byName.size === 0 ? undefined : { secrets: [...byName.values()] };
}
