/**
 * All files of a flake, in a fixed order: per host its default.nix and one module per concern,
 * then flake.nix. Same model, same bytes.
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
    files.push(emitHost(host, opts));
    if (host.disko) files.push(emitDisko(host), emitBoot(host));
    if (host.postgres) files.push(emitPostgres(host));
    if (host.caddy) files.push(emitCaddy(host, opts));
    if (host.pangolin?.backend === "native") files.push(emitPangolinNative(host));
    if (host.sops) files.push(emitSops(host, opts));
    for (const app of host.apps) files.push(emitAppService(host, app, opts));
    for (const stack of host.stacks) files.push(...emitStack(host, stack));
  }
  files.push(emitFlake(model));
  const deploy = emitDeploy(model, opts);
  if (deploy) files.push(deploy);
  return files;
}
