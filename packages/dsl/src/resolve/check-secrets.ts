// A sops secret name is one file in /run/secrets with one owner: every use of a name must agree
// on where it comes from, and only one app may own it.
import type { Diagnostic } from "../model.ts";
import type { Host } from "../schema/host.ts";
import { type SopsUse, sopsUses } from "./build-secrets.ts";

const same = (a: SopsUse["secret"], b: SopsUse["secret"]): boolean =>
  a.sopsFile === b.sopsFile && a.format === b.format && a.key === b.key;

export function checkSopsSecrets(host: Host, at: (string | number)[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  const first = new Map<string, SopsUse>();
  const owners = new Map<string, string>();
  for (const use of sopsUses(host, at)) {
    const { name } = use.secret;
    const earlier = first.get(name);
    if (earlier && !same(earlier.secret, use.secret)) {
      const message = `sops secret "${name}" is declared differently elsewhere on this host (sopsFile, key or format); use another name for a different secret`;
      out.push({ path: use.path, code: "sops_secret_conflict", message });
      continue;
    }
    if (!earlier) first.set(name, use);
    const owner = owners.get(name);
    if (use.owner !== undefined && owner !== undefined && owner !== use.owner) {
      const message = `sops secret "${name}" is already owned by app "${owner}"; sops-nix gives a secret one owner, so give app "${use.owner}" its own name for it`;
      out.push({ path: use.path, code: "sops_secret_conflict", message });
    }
    if (use.owner !== undefined && owner === undefined) owners.set(name, use.owner);
  }
  return out;
}
