// A sops secret name is one file in /run/secrets with one owner: every use of a name must agree
// on where it comes from, and only one app may own it.
import { formatPath } from "../errors.ts";
import type { Diagnostic } from "../model.ts";
import { quote } from "../quote.ts";
import type { Host } from "../schema/host.ts";
import { type SopsUse, sopsUses } from "./build-secrets.ts";

/** What two declarations of one sops name disagree on, e.g. `sopsFile "secrets/a.env" here, "secrets/b.env" there`. */
function differences(here: SopsUse["secret"], there: SopsUse["secret"]): string[] {
  const fields = ["sopsFile", "key", "format"] as const;
  const shown = (v: string | undefined) => (v === undefined ? "unset" : quote(v));
  return fields.filter((f) => here[f] !== there[f]).map((f) => `${f} ${shown(here[f])} here, ${shown(there[f])} there`);
}

export function checkSopsSecrets(host: Host, at: (string | number)[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  const first = new Map<string, SopsUse>();
  const owners = new Map<string, string>();
  for (const use of sopsUses(host, at)) {
    const { name } = use.secret;
    const earlier = first.get(name);
    const differ = earlier ? differences(use.secret, earlier.secret) : [];
    if (earlier && differ.length > 0) {
      const message =
        `sops secret "${name}" is already declared at ${formatPath(earlier.path)} with ${differ.join(", ")}: one name is one ` +
        "file in /run/secrets, so give this secret a name of its own";
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
