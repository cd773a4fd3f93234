import * as z from "zod";
import { parseTemplate } from "../template.ts";
import { quote } from "../quote.ts";
import { KEYS_ONLY, absolutePath, flag, stringRecord } from "./rules.ts";

/** A DNS label: lowercase letters, digits and inner hyphens, 1..63 characters. */
const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/** Two labels or more, the first possibly `*`: the whole rule in one test, for the common valid case. */
const DOMAIN = /^(?:\*\.)?(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/** Why `domain` is not a valid site domain (optionally `*.`-prefixed), or undefined when it is. */
export function domainProblem(domain: string): string | undefined {
  if (domain.length > 253) return `domain ${quote(domain)} is longer than 253 characters`;
  if (DOMAIN.test(domain)) return undefined;
  const labels = domain.split(".");
  const named = labels[0] === "*" ? labels.slice(1) : labels;
  if (named.length < 2) return `domain ${quote(domain)} needs at least two labels, e.g. example.com`;
  const bad = named.find((label) => !LABEL.test(label));
  if (bad === undefined) return undefined;
  const rule = "use lowercase letters, digits and inner '-', at most 63 characters";
  return `domain ${quote(domain)} has an invalid label ${quote(bad)}: ${rule}`;
}

/** Caddyfile text; `{package}`/`{pkgs.X}` are ours, other `{…}` are Caddy placeholders. */
const ExtraConfigSchema = z.string().superRefine((text, ctx) => {
  for (const problem of parseTemplate(text, true).problems) flag(ctx, [], problem.code, problem.message);
});

function usesPackage(text: string): boolean {
  return parseTemplate(text, true).value.some((part) => typeof part === "object" && "package" in part);
}

/** One virtual host: exactly one of `app` or `root`. */
export const SiteSchema = z
  .strictObject({
    /** App on this host → services.caddy.virtualHosts.<domain>.extraConfig `reverse_proxy 127.0.0.1:<port>` */
    app: z.string().optional(),
    /** Absolute directory → services.caddy.virtualHosts.<domain>.extraConfig `root * <dir>` + `file_server` */
    root: absolutePath().optional(),
    /** Raw Caddyfile lines, `{package}` = the app's package → services.caddy.virtualHosts.<domain>.extraConfig */
    extraConfig: ExtraConfigSchema.optional(),
  })
  .superRefine((site, ctx) => {
    if ((site.app === undefined) === (site.root === undefined)) {
      flag(ctx, [], "invalid_site", "a site needs exactly one of app (reverse proxy) or root (static files)");
    }
    if (site.app === undefined && site.extraConfig !== undefined && usesPackage(site.extraConfig)) {
      flag(ctx, ["extraConfig"], "package_without_app", "{package} refers to the site's app, but this site has no app");
    }
  });
export type Site = z.output<typeof SiteSchema>;

const SitesSchema = stringRecord(SiteSchema).superRefine((sites, ctx) => {
  for (const domain of Object.keys(sites)) {
    const problem = domainProblem(domain);
    if (problem) flag(ctx, [domain], "invalid_domain", problem, { key: true });
  }
}, KEYS_ONLY);

/** Caddy reverse proxy with automatic HTTPS. */
export const CaddySchema = z
  .strictObject({
    /** ACME account email → services.caddy.email; required when there are sites */
    email: z.email().optional(),
    /** Key = domain → services.caddy.virtualHosts.<domain> */
    sites: SitesSchema.default({}),
  })
  .superRefine((caddy, ctx) => {
    if (caddy.email === undefined && Object.keys(caddy.sites).length > 0) {
      flag(ctx, ["email"], "missing_email", "caddy needs an email for Let's Encrypt when it serves sites");
    }
  });
export type Caddy = z.output<typeof CaddySchema>;
