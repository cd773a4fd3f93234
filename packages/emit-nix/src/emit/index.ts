/**
 * All files of a flake, in a fixed order: per host its default.nix and one module per concern,
 * then flake.nix. Same model, same bytes.
 */
import type { Model } from "@gen-nix/dsl";
import { emitAppService } from "./app-service.ts";
import { emitCaddy } from "./caddy.ts";
import { type EmitOptions, type GeneratedFile } from "./file.ts";
import { emitFlake } from "./flake.ts";
import { emitHost } from "./host.ts";
import { emitPostgres } from "./postgres.ts";
import { emitSops } from "./sops.ts";

export type { EmitOptions, GeneratedFile };

export function emitAll(model: Model, opts: EmitOptions = { sourceDir: "" }): GeneratedFile[] {
  const files: GeneratedFile[] = [];
  for (const host of model.hosts) {
    files.push(emitHost(host, opts));
    if (host.postgres) files.push(emitPostgres(host));
    if (host.caddy) files.push(emitCaddy(host, opts));
    if (host.sops) files.push(emitSops(host, opts));
    for (const app of host.apps) files.push(emitAppService(host, app, opts));
  }
  files.push(emitFlake(model));
  return files;
}
