import { InfraConfigError } from "./errors.ts";
import type { Model } from "./model.ts";
import { buildModel } from "./resolve/build.ts";
import { checkReferences } from "./resolve/check-infra.ts";
import { toDiagnostics } from "./resolve/zod-issues.ts";
import { InfraSchema } from "./schema/infra.ts";
import { flag } from "./schema/rules.ts";

/**
 * Cross-reference checks ride along as a root refinement: zod runs it whenever the config has the
 * right shape, even if field checks (names, domains, paths) failed, so one run reports them all.
 */
const CheckedInfraSchema = InfraSchema.superRefine((config, ctx) => {
  for (const d of checkReferences(config)) flag(ctx, d.path, d.code, d.message);
});

/**
 * Validates a config (the default export of `infra.config.ts`) and resolves it into the Model
 * the emitters consume. Throws one `InfraConfigError` listing every problem found.
 *
 * ```ts
 * resolveInfra({ hosts: { prod: { stateVersion: "25.11" } } }).hosts[0]?.firewall;
 * // { tcp: [22], udp: [] }
 * ```
 * ```nix
 * networking.firewall.allowedTCPPorts = [ 22 ];
 * ```
 */
export function resolveInfra(input: unknown): Model {
  const result = CheckedInfraSchema.safeParse(input);
  if (!result.success) throw new InfraConfigError(result.error.issues.flatMap((issue) => toDiagnostics(issue)));
  return buildModel(result.data);
}
