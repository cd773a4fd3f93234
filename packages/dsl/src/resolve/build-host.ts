import type { HostModel } from "../model.ts";
import { normaliseRelative } from "../paths.ts";
import type { Host } from "../schema/host.ts";
import { buildApp } from "./build-app.ts";
import { buildCaddy } from "./build-caddy.ts";
import { buildPangolinStack, pangolinState, resolvePangolin } from "./build-pangolin.ts";
import { buildSops } from "./build-secrets.ts";
import { buildStack } from "./build-stack.ts";
import { buildDisko } from "./build-disko.ts";

/** A host of a validated config; optional fields are omitted, never `undefined`. */
export function buildHost(name: string, host: Host): HostModel {
  const caddy = buildCaddy(host.caddy, host.apps);
  const pangolin = host.pangolin && resolvePangolin(host.pangolin);
  const stacks = Object.entries(host.stacks).map(([stack, config]) => buildStack(stack, config));
  if (pangolin && pangolin.backend !== "native") stacks.push(buildPangolinStack(pangolin));
  const sops = buildSops(host);
  return {
    name,
    system: host.system,
    stateVersion: host.stateVersion,
    ...(host.timeZone !== undefined && { timeZone: host.timeZone }),
    admins: Object.entries(host.admins).map(([admin, { sshKeys }]) => ({ name: admin, sshKeys })),
    ssh: host.ssh,
    extraModules: host.modules.map(normaliseRelative),
    ...(host.postgres !== undefined && { postgres: host.postgres }),
    apps: Object.entries(host.apps).map(([app, config]) => buildApp(app, config)),
    ...(caddy !== undefined && { caddy }),
    stacks,
    ...(sops !== undefined && { sops }),
    ...(pangolin && { pangolin }),
    state: pangolin ? [pangolinState(pangolin)] : [],
    ...(host.disko !== undefined && { disko: buildDisko(name, host.disko) }),
    ...(host.address !== undefined && { address: host.address }),
  };
}
