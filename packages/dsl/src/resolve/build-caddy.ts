import type { HostModel, SiteModel } from "../model.ts";
import type { Caddy, Site } from "../schema/caddy.ts";
import type { Host } from "../schema/host.ts";
import { parseTemplate } from "../template.ts";
import { invariant } from "./invariant.ts";

function buildSite(domain: string, site: Site, apps: Host["apps"]): SiteModel {
  const target: SiteModel["target"] =
    site.app !== undefined
      ? { kind: "app", app: site.app, port: invariant(apps[site.app], `app of site ${domain}`).port }
      : { kind: "root", dir: invariant(site.root, `root of site ${domain}`) };
  return {
    domain,
    target,
    ...(site.extraConfig !== undefined && { extraConfig: parseTemplate(site.extraConfig, true).value }),
  };
}

/** Caddy with its sites, or undefined when it would serve nothing (then no ports open for it either). */
export function buildCaddy(caddy: Caddy | undefined, apps: Host["apps"]): HostModel["caddy"] {
  const sites = Object.entries(caddy?.sites ?? {});
  if (caddy === undefined || sites.length === 0) return undefined;
  return {
    email: invariant(caddy.email, "caddy.email"),
    sites: sites.map(([domain, site]) => buildSite(domain, site, apps)),
  };
}
