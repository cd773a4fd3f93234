// Cross-reference checks over the whole config. They run on parsed (typed, defaulted) data.
import { formatPath } from "../errors.ts";
import type { Diagnostic } from "../model.ts";
import type { Infra } from "../schema/infra.ts";
import { checkHost, known } from "./check-host.ts";

function checkInputs(config: Infra): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const [hostName, host] of Object.entries(config.hosts)) {
    for (const [appName, app] of Object.entries(host.apps)) {
      if (!("input" in app.package) || Object.hasOwn(config.inputs, app.package.input)) continue;
      const message = `unknown flake input "${app.package.input}"; inputs: ${known(Object.keys(config.inputs))}`;
      out.push({ path: ["hosts", hostName, "apps", appName, "package", "input"], code: "unknown_input", message });
    }
  }
  return out;
}

/** One domain can have only one certificate and one virtual host, even across hosts (DNS points one way). */
function checkDomains(config: Infra): Diagnostic[] {
  const out: Diagnostic[] = [];
  const first = new Map<string, (string | number)[]>();
  for (const [hostName, host] of Object.entries(config.hosts)) {
    for (const domain of Object.keys(host.caddy?.sites ?? {})) {
      const path = ["hosts", hostName, "caddy", "sites", domain];
      const earlier = first.get(domain.toLowerCase());
      if (earlier) {
        const message = `domain "${domain}" is already served at ${formatPath(earlier)}`;
        out.push({ path, code: "duplicate_domain", message });
      } else {
        first.set(domain.toLowerCase(), path);
      }
    }
  }
  return out;
}

/** Every problem that involves more than one part of the config. */
export function checkReferences(config: Infra): Diagnostic[] {
  const hosts = Object.entries(config.hosts).flatMap(([name, host]) => checkHost(name, host));
  return [...hosts, ...checkInputs(config), ...checkDomains(config)];
}
