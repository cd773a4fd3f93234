/**
 * All files of a flake, in a fixed order: per host its default.nix and one module per concern
 * (which default.nix imports, in this order) with the files beside them, then flake.nix. Same
 * model, same bytes.
 */
import type { Model } from "@gen-nix/dsl";
import { emitAppService } from "./app-service.ts";
import { emitCaddy } from "./caddy.ts";
import { emitDeploy } from "./deploy.ts";
import { emitBoot, emitDisko } from "./disko.ts";
import { type EmitOptions, type GeneratedFile } from "./file.ts";
import { emitFlake } from "./flake.ts";
import { emitHost } from "./host.ts";
import { emitPangolinNative } from "./pangolin-native.ts";
import { emitPostgres } from "./postgres.ts";
import { emitStack } from "./stack.ts";
import { emitSops } from "./sops.ts";

export type { EmitOptions, GeneratedFile };

export function emitAll(model: Model, opts: EmitOptions = { sourceDir: "" }): GeneratedFile[] {
  const files: GeneratedFile[] = [];
  for (const host of model.hosts) {
    // The host's modules, each followed by the files beside it (a stack's compose file).
    const own: GeneratedFile[] = [];
    const modules: string[] = [];
    const module = (file: GeneratedFile): void => {
      modules.push(file.path);
      own.push(file);
    };
    if (host.disko) {
      module(emitDisko(host));
      module(emitBoot(host));
    }
    if (host.postgres) module(emitPostgres(host));
    if (host.caddy) module(emitCaddy(host, opts));
    if (host.pangolin?.backend === "native") module(emitPangolinNative(host));
    if (host.sops) module(emitSops(host, opts));
    for (const app of host.apps) module(emitAppService(host, app, opts));
    for (const stack of host.stacks) {
      const [file, ...beside] = emitStack(host, stack);
      module(file);
      own.push(...beside);
    }
    files.push(emitHost(host, modules, opts));
    for (const file of own) files.push(file);
  }
  files.push(emitFlake(model));
  const deploy = emitDeploy(model, opts);
  if (deploy) files.push(deploy);
  return files;
}
