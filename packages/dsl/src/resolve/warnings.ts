// Choices that are allowed but weaken the host: the one list of opt-outs. The resolver reports
// each as a warning (Model.warnings, never thrown) and `gen-nix audit` lists the same entries
// with how to undo them, so the two cannot disagree.
import type { Diagnostic, OptOut } from "../model.ts";
import type { Host } from "../schema/host.ts";
import type { Infra } from "../schema/infra.ts";
import { isLoopbackBind, parsePort } from "./build-stack.ts";
import { diskoWarnings } from "./check-disko.ts";

type Path = (string | number)[];

function containerOptOuts(host: Host, at: Path): OptOut[] {
  const out: OptOut[] = [];
  for (const [stackName, stack] of Object.entries(host.stacks)) {
    for (const [name, c] of Object.entries(stack.containers)) {
      const path = [...at, "stacks", stackName, "containers", name];
      if (c.privileged) {
        out.push({
          path: [...path, "privileged"],
          code: "privileged_container",
          message: `container "${name}" is privileged: all capabilities and devices, so root in it is root on the host`,
          undo: "remove privileged: true; grant only what it needs with capAdd and devices",
        });
      }
      if (c.allowLatest) {
        out.push({
          path: [...path, "allowLatest"],
          code: "floating_image",
          message: `container "${name}" may run a floating image tag: a rebuild can pull different, unreviewed code`,
          undo: "pin a version tag or an @sha256 digest in image and remove allowLatest",
        });
      }
      if (c.networkMode === "host") {
        out.push({
          path: [...path, "networkMode"],
          code: "host_network",
          message: `container "${name}" shares the host's network: every port it opens is a port of the host`,
          undo: 'remove networkMode: "host" and publish the ports it needs in ports',
        });
      }
      c.ports.forEach((port, i) => {
        const { host: hostPort, protocol, bind } = parsePort(port);
        if (isLoopbackBind(bind)) return;
        out.push({
          path: [...path, "ports", i],
          code: "open_port",
          message: `port ${hostPort}/${protocol} of container "${name}" is published on ${bind ?? "all addresses"}, beyond the default open ports (SSH, 80/443 for Caddy)`,
          undo: `bind it to the loopback address ("127.0.0.1:${hostPort}:…") if only this host needs it`,
          auditOnly: true,
        });
      });
    }
  }
  return out;
}

function hostOptOuts(hostName: string, host: Host): OptOut[] {
  const at = ["hosts", hostName];
  const out: OptOut[] = [];
  if (host.postgres?.authentication === "trust") {
    out.push({
      path: [...at, "postgres", "authentication"],
      code: "trust_auth",
      message: 'postgres authentication "trust": any local user can connect as any role, including the superuser',
      undo: 'remove authentication: "trust" (the default "peer" checks the connecting system user)',
    });
  }
  for (const [name, app] of Object.entries(host.apps)) {
    if (!app.hardening) {
      out.push({
        path: [...at, "apps", name, "hardening"],
        code: "hardening_off",
        message: `app "${name}" runs without systemd hardening (no ProtectSystem, PrivateDevices, CapabilityBoundingSet, … sandbox)`,
        undo: "remove hardening: false, and list the paths it must write in readWritePaths",
      });
    }
  }
  return [...out, ...containerOptOuts(host, at)];
}

/** Every opt-out of a parsed config, in config order. */
export function collectOptOuts(config: Infra): OptOut[] {
  return Object.entries(config.hosts).flatMap(([name, host]) => hostOptOuts(name, host));
}

/** `domain` is `base` or a name below it. */
const under = (domain: string, base: string): boolean => domain === base || domain.endsWith(`.${base}`);

/** Findings that are not opt-outs: the config works, but probably not as meant. */
function hostAdvisories(hostName: string, host: Host): Diagnostic[] {
  const at = ["hosts", hostName];
  const out: Diagnostic[] = [];
  const pangolin = host.pangolin;
  if (pangolin?.dashboardDomain !== undefined && !under(pangolin.dashboardDomain, pangolin.baseDomain)) {
    const message =
      `dashboardDomain "${pangolin.dashboardDomain}" is not under baseDomain "${pangolin.baseDomain}": ` +
      `resources get names under the base domain, so the dashboard needs DNS records and a certificate of its own`;
    out.push({ path: [...at, "pangolin", "dashboardDomain"], code: "pangolin_dashboard_domain", message });
  }
  if (host.disko) out.push(...diskoWarnings(host.disko, [...at, "disko"]));
  return out;
}

/** The warnings: every opt-out not marked audit-only (without its undo hint), then the advisories. */
export function collectWarnings(config: Infra, optOuts: readonly OptOut[]): Diagnostic[] {
  return [
    ...optOuts.filter((o) => !o.auditOnly).map(({ path, code, message }) => ({ path, code, message })),
    ...Object.entries(config.hosts).flatMap(([name, host]) => hostAdvisories(name, host)),
  ];
}
