import type { FlakeInputModel, HostModel, Model } from "../model.ts";
import type { Infra } from "../schema/infra.ts";
import { buildHost } from "./build-host.ts";
import { collectOptOuts, collectWarnings } from "./warnings.ts";

/**
 * The inputs the output itself needs, each added when a host uses it: disko's NixOS module for
 * the disk layouts, sops-nix's for the secrets. A user input of the same name (pinned, say) is
 * used instead.
 */
const DISKO: FlakeInputModel = { name: "disko", url: "github:nix-community/disko", followsNixpkgs: true };
const SOPS_NIX: FlakeInputModel = { name: "sops-nix", url: "github:Mic92/sops-nix", followsNixpkgs: true };

/** The user's inputs and the implied ones, sorted by code unit, not locale, so output is identical on every machine. */
function buildInputs(inputs: Infra["inputs"], hosts: readonly HostModel[]): FlakeInputModel[] {
  const out: FlakeInputModel[] = Object.entries(inputs).map(([name, input]) =>
    typeof input === "string" ? { name, url: input, followsNixpkgs: true } : { name, ...input },
  );
  const implied = [hosts.some((h) => h.disko) && DISKO, hosts.some((h) => h.sops) && SOPS_NIX];
  for (const input of implied) if (input && !Object.hasOwn(inputs, input.name)) out.push({ ...input });
  return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** The Model of a config that passed every check. */
export function buildModel(config: Infra): Model {
  const optOuts = collectOptOuts(config);
  const hosts = Object.entries(config.hosts).map(([name, host]) => buildHost(name, host));
  return {
    nixpkgsBranch: config.nixpkgs,
    inputs: buildInputs(config.inputs, hosts),
    hosts,
    warnings: collectWarnings(config, optOuts),
    optOuts,
  };
}
