// Choices that are allowed but weaken the host; reported in Model.warnings, never thrown.
import type { Diagnostic } from "../model.ts";
import type { Host } from "../schema/host.ts";
import type { Infra } from "../schema/infra.ts";
import { diskoWarnings } from "./check-disko.ts";
import { stackWarnings } from "./check-stacks.ts";

function hostWarnings(hostName: string, host: Host): Diagnostic[] {
  const at = ["hosts", hostName];
  const out: Diagnostic[] = [];
  if (host.postgres?.authentication === "trust") {
    const message =
      'postgres authentication "trust": any local user can connect as any role, including the superuser';
    out.push({ path: [...at, "postgres", "authentication"], code: "trust_auth", message });
  }
  for (const [name, app] of Object.entries(host.apps)) {
    if (!app.hardening) {
      const message =
        `app "${name}" runs without systemd hardening (NoNewPrivileges, ProtectSystem, ProtectHome, PrivateTmp)`;
      out.push({ path: [...at, "apps", name, "hardening"], code: "hardening_off", message });
    }
  }
  const pangolin = host.pangolin;
  if (pangolin?.dashboardDomain !== undefined && !under(pangolin.dashboardDomain, pangolin.baseDomain)) {
    const message =
      `dashboardDomain "${pangolin.dashboardDomain}" is not under baseDomain "${pangolin.baseDomain}": ` +
      `resources get names under the base domain, so the dashboard needs DNS records and a certificate of its own`;
    out.push({ path: [...at, "pangolin", "dashboardDomain"], code: "pangolin_dashboard_domain", message });
  }
  if (host.disko) out.push(...diskoWarnings(host.disko, [...at, "disko"]));
  return [...out, ...stackWarnings(hostName, host)];
}

/** `domain` is `base` or a name below it. */
const under = (domain: string, base: string): boolean => domain === base || domain.endsWith(`.${base}`);

export function collectWarnings(config: Infra): Diagnostic[] {
  return Object.entries(config.hosts).flatMap(([name, host]) => hostWarnings(name, host));
}
