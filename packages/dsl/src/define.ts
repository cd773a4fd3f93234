import type { References } from "./references.ts";
import type { InfraInput } from "./schema/infra.ts";

/** Keys of any member of a union (`keyof` alone keeps only the shared ones). */
type AnyKey<S> = S extends unknown ? keyof S : never;
/** The type of key `K` in whichever union members have it. */
type AnyValue<S, K> = S extends unknown ? (K extends keyof S ? S[K] : never) : never;

/**
 * `T` with every key that `Shape` does not know turned into `never`, recursively. A generic
 * parameter escapes TypeScript's excess-property check, so without this `timezone:` (for
 * `timeZone:`) would only fail at run time.
 */
type Exact<T, Shape> = T extends readonly unknown[]
  ? T
  : T extends object
    ? { [K in keyof T]: K extends AnyKey<Shape> ? Exact<T[K], NonNullable<AnyValue<Shape, K>>> : never }
    : T;

/**
 * Typed identity for `infra.config.ts`: editors check and complete the config, including
 * misspelt keys and references to names the config does not declare (a site's app, an app's
 * database or flake input, a container's dependencies: see references.ts); validation and
 * defaults happen later in `resolveInfra`. `const` keeps literal types (host and app names) in
 * the returned value.
 *
 * ```ts
 * export default defineInfra({
 *   hosts: {
 *     prod: {
 *       stateVersion: "25.11",
 *       apps: { web: { port: 8001, package: { path: "./web" }, start: "bun server.ts" } },
 *     },
 *   },
 * });
 * ```
 * ```nix
 * nixosConfigurations.prod = nixpkgs.lib.nixosSystem { modules = [ ./hosts/prod ]; };
 * ```
 */
export function defineInfra<const T extends InfraInput>(config: T & Exact<T, InfraInput> & References<T>): T {
  return config;
}
