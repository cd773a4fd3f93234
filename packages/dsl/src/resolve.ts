import { InfraConfigError } from "./errors.ts";
import type { Model } from "./model.ts";
import { buildModel } from "./resolve/build.ts";
import { checkReferences } from "./resolve/check-infra.ts";
import { knownKeys } from "./resolve/schema-keys.ts";
import { toDiagnostics, type KeysAt } from "./resolve/zod-issues.ts";
import { InfraSchema } from "./schema/infra.ts";
import { flag } from "./schema/rules.ts";

/**
 * Cross-reference checks ride along as a root refinement: zod runs it whenever the config has the
 * right shape, even if field checks (names, domains, paths) failed, so one run reports them all.
 */
const CheckedInfraSchema = InfraSchema.superRefine((config, ctx) => {
  for (const { path, code, message, ...details } of checkReferences(config)) flag(ctx, path, code, message, details);
});

/**
 * Validates a config (the default export of `infra.config.ts`) and resolves it into the Model
 * the emitters consume. Throws one `InfraConfigError` listing every problem found.
 *
 * ```ts
 * resolveInfra({ hosts: { prod: { stateVersion: "25.11" } } }).hosts[0]?.ssh;
 * // { port: 22, permitRootLogin: "prohibit-password" }
 * ```
 * ```nix
 * services.openssh.ports = [ 22 ];
 * ```
 */
export function resolveInfra(input: unknown): Model {
  // reportInput: messages say what was written ("got the string \"80\"").
  const result = CheckedInfraSchema.safeParse(input, { reportInput: true });
  if (!result.success) {
    const keysAt: KeysAt = (path) => knownKeys(InfraSchema, path);
    throw new InfraConfigError(result.error.issues.flatMap((issue) => toDiagnostics(issue, [], keysAt)));
  }
  return buildModel(result.data);
}
