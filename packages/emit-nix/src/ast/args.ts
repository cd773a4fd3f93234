/**
 * The arguments a generated NixOS module may take, in the order its header lists them. Every
 * node sums up which of them its subtree refers to as it is built (objects.ts), so a module's
 * header `{ pkgs, inputs, ... }:` follows from its body without another walk over it.
 */
export const MODULE_ARGS = ["config", "lib", "pkgs", "inputs", "modulesPath"] as const;
export type ModuleArg = (typeof MODULE_ARGS)[number];

/** The bit of a module argument's name in a node's `uses`; 0 for any other name. */
export function argBit(name: string): number {
  switch (name) {
    case "config": return 1;
    case "lib": return 2;
    case "pkgs": return 4;
    case "inputs": return 8;
    case "modulesPath": return 16;
    default: return 0;
  }
}

/** The module arguments in a `uses` bit set, in header order. */
export const argsIn = (uses: number): ModuleArg[] => MODULE_ARGS.filter((_, i) => (uses & (1 << i)) !== 0);
