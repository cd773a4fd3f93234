// Bundles the CLI (with the DSL and emitters) into one ESM file, so a cold `gen-nix` loads
// a single module instead of compiling TypeScript at start-up.
import { build } from "esbuild";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
await build({
  entryPoints: [join(root, "packages/cli/src/bin.ts")],
  outfile: join(root, "packages/cli/dist/gen-nix.mjs"),
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "bundle",
  external: ["esbuild", "typescript", "ts-morph", "prettier"],
  legalComments: "none",
  logLevel: "warning",
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
});
