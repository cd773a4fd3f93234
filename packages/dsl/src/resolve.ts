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
 * zod can compile a parser for each object schema (`new Function`, on first use) that then
 * parses faster. Compiling costs a few ms, which a config of one host never earns back, while a
 * config of 1,000 hosts × 10 apps parses ~35 ms faster with it: so it is used from this many
 * hosts and apps on.
 */
const COMPILE_FROM = 200;

/**
 * Parse options for a config parsed without compiling, and for reporting a failed parse:
 * reportInput makes messages say what was written ("got the string \"80\""). A config parsed
 * with compiled parsers is parsed without options, and again with these only when it fails: zod
 * copies the options into each parse's context with a spread, and in a long-lived process those
 * copies can come to get a new hidden class on each parse, which throws away the compiled parsers
 * (they were optimised for the previous one) every time.
 */
const REPORTING = { reportInput: true, jitless: true } as const;

function worthCompiling(input: unknown): boolean {
  const hosts = typeof input === "object" && input !== null ? (input as { hosts?: unknown }).hosts : undefined;
  if (typeof hosts !== "object" || hosts === null) return false;
  let count = 0;
  for (const host of Object.values(hosts)) {
    const apps = typeof host === "object" && host !== null ? (host as { apps?: unknown }).apps : undefined;
    count += 1 + (typeof apps === "object" && apps !== null ? Object.keys(apps).length : 0);
    if (count >= COMPILE_FROM) return true;
  }
  return false;
}

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
  let result = worthCompiling(input) ? CheckedInfraSchema.safeParse(input) : undefined;
  if (!result?.success) result = CheckedInfraSchema.safeParse(input, REPORTING);
  if (!result.success) {
    const keysAt: KeysAt = (path) => knownKeys(InfraSchema, path);
    throw new InfraConfigError(result.error.issues.flatMap((issue) => toDiagnostics(issue, [], keysAt)));
  }
  return buildModel(result.data);
}
