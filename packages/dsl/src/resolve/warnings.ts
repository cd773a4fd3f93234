// Choices that are allowed but weaken the host; reported in Model.warnings, never thrown.
import type { Diagnostic } from "../model.ts";
import type { Host } from "../schema/host.ts";
import type { Infra } from "../schema/infra.ts";

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
        `app "${name}" runs without systemd hardening (no ProtectSystem, PrivateDevices, CapabilityBoundingSet, … sandbox)`;
      out.push({ path: [...at, "apps", name, "hardening"], code: "hardening_off", message });
    }
  }
  return out;
}

export function collectWarnings(config: Infra): Diagnostic[] {
  return Object.entries(config.hosts).flatMap(([name, host]) => hostWarnings(name, host));
}
