// Cross-reference checks over the whole config. They run on parsed (typed, defaulted) data.
import { formatPath } from "../errors.ts";
import { quote } from "../quote.ts";
import type { Diagnostic } from "../model.ts";
import type { Infra } from "../schema/infra.ts";
import { checkDisko } from "./check-disko.ts";
import { checkHost, unknownName } from "./check-host.ts";
import { checkPangolin } from "./check-pangolin.ts";
import { checkStacks } from "./check-stacks.ts";
import { checkSecretLiterals } from "./check-secret-literals.ts";

function checkInputs(config: Infra): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const [hostName, host] of Object.entries(config.hosts)) {
    for (const [appName, app] of Object.entries(host.apps)) {
      if (!("input" in app.package) || Object.hasOwn(config.inputs, app.package.input)) continue;
      const path = ["hosts", hostName, "apps", appName, "package", "input"];
      const inputs = Object.keys(config.inputs);
      out.push(unknownName(path, "unknown_input", "flake input", app.package.input, inputs, "inputs"));
    }
  }
  return out;
}

/** One domain can have only one certificate and one virtual host, even across hosts (DNS points one way). */
function checkDomains(config: Infra): Diagnostic[] {
  const out: Diagnostic[] = [];
  const sitePath = (hostName: string, domain: string) => ["hosts", hostName, "caddy", "sites", domain];
  // lower-cased domain → where it was first seen (host and domain as written)
  const first = new Map<string, [string, string]>();
  for (const [hostName, host] of Object.entries(config.hosts)) {
    for (const domain of Object.keys(host.caddy?.sites ?? {})) {
      const lower = domain.toLowerCase();
      const earlier = first.get(lower);
      if (earlier) {
        const message = `domain ${quote(domain)} is already served at ${formatPath(sitePath(...earlier))}; serve it once`;
        out.push({ path: sitePath(hostName, domain), code: "duplicate_domain", message, key: true });
      } else {
        first.set(lower, [hostName, domain]);
      }
    }
  }
  return out;
}

/** Disk layouts. */
function checkDiskLayouts(config: Infra): Diagnostic[] {
  return Object.entries(config.hosts).flatMap(([name, host]) => (host.disko ? checkDisko(host.disko, ["hosts", name, "disko"]) : []));
}

/** Every problem that involves more than one part of the config. */
export function checkReferences(config: Infra): Diagnostic[] {
  const hosts = Object.entries(config.hosts).flatMap(([name, host]) => [
    ...checkHost(name, host),
    ...checkStacks(name, host),
    ...checkPangolin(name, host),
  ]);
  return [...hosts, ...checkInputs(config), ...checkDomains(config), ...checkDiskLayouts(config), ...checkSecretLiterals(config)];
}
