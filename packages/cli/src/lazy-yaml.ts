// What the bundle (scripts/cli-bundle.mjs) hands every module that imports "yaml": the same
// functions, with yaml's own code run on the first call. gen-nix needs yaml only to write a compose
// stack's file or to import a compose file, and running its module code at every start costs a
// few ms. Each name that a module of gen-nix imports from yaml is forwarded here (the bundle does
// not build when one is missing); their types are yaml's, since the sources import yaml itself.
import { createRequire } from "node:module";
import type * as Yaml from "yaml";

let yaml: typeof Yaml | undefined;

/**
 * In the CommonJS bundle, esbuild turns this require() into running yaml's bundled code at that
 * moment; run from the sources (ES modules, under tsx), createRequire loads it from node_modules.
 */
function load(): typeof Yaml {
  yaml ??= typeof require === "function" ? require("yaml") : createRequire(import.meta.url)("yaml");
  return yaml!;
}

export const stringify = (...args: Parameters<typeof Yaml.stringify>): string => load().stringify(...args);
export const parseDocument = (...args: Parameters<typeof Yaml.parseDocument>) => load().parseDocument(...args);
export const isAlias = (node: unknown) => load().isAlias(node);
export const isMap = (node: unknown) => load().isMap(node);
export const isScalar = (node: unknown) => load().isScalar(node);
export const isSeq = (node: unknown) => load().isSeq(node);

/** Called with `new`, as yaml's class is: a constructor that returns an object makes `new` return it. */
export function LineCounter(): Yaml.LineCounter {
  return new (load().LineCounter)();
}
