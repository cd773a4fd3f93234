// Container references within one host: `dependsOn` and `networkMode: "service:<name>"` name a
// container of one of the host's stacks (the same rule `defineInfra` checks at compile time,
// see references.ts).
import type { Diagnostic } from "../model.ts";
import type { Host } from "../schema/host.ts";
import { known } from "./check-host.ts";

export function checkContainerReferences(host: Host, at: (string | number)[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  const names = Object.values(host.stacks).flatMap((stack) => Object.keys(stack.containers));
  const unknown = (name: string, path: (string | number)[]): void => {
    if (names.includes(name)) return;
    out.push({ path, code: "unknown_container", message: `unknown container "${name}"; containers on this host: ${known(names)}` });
  };
  for (const [stackName, stack] of Object.entries(host.stacks)) {
    for (const [name, container] of Object.entries(stack.containers)) {
      const path = [...at, "stacks", stackName, "containers", name];
      const { dependsOn, networkMode } = container;
      if (Array.isArray(dependsOn)) dependsOn.forEach((dep, i) => unknown(dep, [...path, "dependsOn", i]));
      else for (const dep of Object.keys(dependsOn)) unknown(dep, [...path, "dependsOn", dep]);
      if (networkMode?.startsWith("service:")) unknown(networkMode.slice("service:".length), [...path, "networkMode"]);
    }
  }
  return out;
}
