/**
 * `hosts/<host>/pangolin.nix` for the native backend: nixpkgs' own services.pangolin
 * (nixos/modules/services/networking/pangolin.nix), which runs pangolin, gerbil and
 * services.traefik as systemd units and writes config.yml from `settings` merged over its own.
 * Only the environment file's path is written; SERVER_SECRET stays out of the store.
 */
import { n } from "../ast/build.ts";
import type { Binding } from "../ast/nodes.ts";
import { pangolinAppSettings, pangolinFlags, smtpSettings, type HostModel, type PangolinModel } from "@gen-nix/dsl";
import { type GeneratedFile, moduleFile } from "./file.ts";
import { secretPath } from "./secret.ts";

/** config.yml entries the module does not set itself; the module merges them over its own. */
function settings(p: PangolinModel): Binding[] {
  return [
    n.assign("app", pangolinAppSettings(p)),
    n.assign("gerbil", { start_port: p.wireguardPort, clients_start_port: p.clientsPort }),
    ...(p.smtp ? [n.assign("email", smtpSettings(p.smtp))] : []),
    n.assign("flags", pangolinFlags(p)),
  ];
}

function pangolinService(p: PangolinModel): Binding {
  return n.assign(
    ["services", "pangolin"],
    n.set([
      n.assign("enable", true),
      n.assign("baseDomain", p.baseDomain),
      n.assign("dashboardDomain", p.dashboardDomain),
      n.assign("letsEncryptEmail", p.email),
      n.assign("environmentFile", secretPath(p.environmentFile), {
        comments: ["SERVER_SECRET (and EMAIL_SMTP_USER, EMAIL_SMTP_PASS), read when the units start"],
      }),
      n.assign("dataDir", p.directory),
      n.assign("settings", n.set(settings(p)), { blankBefore: true }),
    ]),
  );
}

export function emitPangolinNative(host: HostModel): GeneratedFile {
  const p = host.pangolin!;
  const body = n.set([
    pangolinService(p),
    ...(p.http3
      ? [n.assign("services.traefik.staticConfigOptions.entryPoints.websecure.http3.advertisedPort", p.httpsPort, { blankBefore: true })]
      : []),
    // Gerbil sets up WireGuard without the right to load kernel modules, and routes tunnel traffic.
    n.assign("boot.kernelModules", p.kernelModules, { blankBefore: true }),
    ...p.sysctl.map(([key, value]) => n.assign(["boot", "kernel", "sysctl", key], value)),
    n.assign("networking.firewall.allowedTCPPorts", p.ports.tcp, {
      blankBefore: true,
      comments: ["The module's openFirewall leaves out Gerbil's client relay port, so the ports are listed here."],
    }),
    n.assign("networking.firewall.allowedUDPPorts", p.ports.udp),
  ]);
  return moduleFile(`hosts/${host.name}/pangolin.nix`, body);
}
