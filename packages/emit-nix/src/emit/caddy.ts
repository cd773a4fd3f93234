/**
 * `hosts/<host>/caddy.nix`: Caddy virtual hosts (automatic HTTPS with the ACME email) and the
 * firewall opened for HTTP and HTTPS. Sites point at apps by name; the port comes from the app.
 */
import { n } from "../ast/build.ts";
import type { Binding, Expr } from "../ast/nodes.ts";
import type { AppModel, HostModel, SiteModel } from "@gen-nix/dsl";
import { type EmitOptions, type GeneratedFile, moduleFile } from "./file.ts";
import { packageExpr, templateParts, usesPackage } from "./package.ts";

const packageVar = (app: string): string => `${app}Package`;

/** Caddyfile lines of one site: the user's extra lines first (as in the seed), then the target. */
function siteConfig(site: SiteModel): Expr {
  const extra = site.extraConfig ?? [];
  const appName = site.target.kind === "app" ? site.target.app : "";
  const parts = templateParts(extra, packageVar(appName));
  const last = parts[parts.length - 1];
  if (parts.length > 0 && !(typeof last === "string" && last.endsWith("\n"))) parts.push("\n");
  const target = site.target.kind === "app" ? `reverse_proxy 127.0.0.1:${site.target.port}\n` : `root * ${site.target.dir}\nfile_server\n`;
  return n.lines(...parts, target);
}

/** Apps whose package a site's extra lines refer to, in site order. */
function packagesUsed(host: HostModel): AppModel[] {
  const names = new Set(host.caddy!.sites.flatMap((s) => (s.target.kind === "app" && usesPackage(s.extraConfig ?? []) ? [s.target.app] : [])));
  return [...names].map((name) => host.apps.find((a) => a.name === name)!);
}

export function emitCaddy(host: HostModel, opts: EmitOptions): GeneratedFile {
  const caddy = host.caddy!;
  const vhosts = caddy.sites.map((s) => n.assign(["virtualHosts", s.domain, "extraConfig"], siteConfig(s)));
  const body = n.set([
    n.assign(["services", "caddy"], n.set([n.assign("enable", true), n.assign("email", caddy.email), ...vhosts])),
    n.assign("networking.firewall.allowedTCPPorts", [80, 443]),
  ]);
  const dir = `hosts/${host.name}`;
  const lets: Binding[] = packagesUsed(host).map((app) => n.assign(packageVar(app.name), packageExpr(app.package, app.name, dir, opts)));
  return moduleFile(`${dir}/caddy.nix`, lets.length > 0 ? n.let(lets, body) : body);
}
