// ts-morph (and the TypeScript compiler under it) is half a second of loading: it is required
// only when there is a problem to locate, never on the happy path. It stays outside the bundle
// (scripts/build.mjs), so it is resolved from this package's node_modules at run time.
import { createRequire } from "node:module";
import type * as TsMorph from "ts-morph";

export type Morph = typeof TsMorph;

let loaded: Morph | undefined;

/** ts-morph, loaded on first use. */
export function tsMorph(): Morph {
  loaded ??= createRequire(import.meta.url)("ts-morph") as Morph;
  return loaded;
}
