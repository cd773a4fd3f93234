import type { FlakeInputModel, Model } from "../model.ts";
import type { Infra } from "../schema/infra.ts";
import { buildHost } from "./build-host.ts";
import { collectOptOuts, collectWarnings } from "./warnings.ts";

/** Sorted by code unit, not locale, so output is identical on every machine. */
function buildInputs(inputs: Infra["inputs"]): FlakeInputModel[] {
  return Object.entries(inputs)
    .map(([name, input]) =>
      typeof input === "string" ? { name, url: input, followsNixpkgs: true } : { name, ...input },
    )
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** The Model of a config that passed every check. */
export function buildModel(config: Infra): Model {
  const optOuts = collectOptOuts(config);
  return {
    nixpkgsBranch: config.nixpkgs,
    inputs: buildInputs(config.inputs),
    hosts: Object.entries(config.hosts).map(([name, host]) => buildHost(name, host)),
    warnings: collectWarnings(config, optOuts),
    optOuts,
  };
}
