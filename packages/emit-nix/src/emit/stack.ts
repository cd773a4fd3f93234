/** A container stack's files, by backend: its module first, then its compose file if any, and its own files. */
import type { HostModel, StackModel } from "@gen-nix/dsl";
import type { GeneratedFile } from "./file.ts";
import { emitStackCompose } from "./stack-compose.ts";
import { emitStackOci } from "./stack-oci.ts";

type StackFiles = [module: GeneratedFile, ...beside: GeneratedFile[]];

const BACKENDS: Record<StackModel["backend"], (host: HostModel, stack: StackModel) => StackFiles> = {
  "oci-containers": emitStackOci,
  compose: emitStackCompose,
};

export const emitStack = (host: HostModel, stack: StackModel): StackFiles => BACKENDS[stack.backend](host, stack);
