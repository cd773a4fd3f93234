// How the CLI is bundled: one CommonJS file with the DSL and emitters inside. Shared by
// `pnpm build` and the tests that run the CLI as a child process, so both run the same thing.
import { build } from "esbuild";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

/**
 * Hands every module that imports "yaml" packages/cli/src/lazy-yaml.ts instead, which runs yaml's
 * code on first use: it is needed only for compose stacks and `gen-nix import`, and the emitters
 * import it at the top. lazy-yaml's own require("yaml") gets yaml itself, bundled.
 */
const lazyYaml = {
  name: "lazy-yaml",
  setup(build) {
    const shim = join(root, "packages/cli/src/lazy-yaml.ts");
    build.onResolve({ filter: /^yaml$/ }, ({ importer }) => (importer === shim ? undefined : { path: shim }));
  },
};

/** Bundles packages/cli/src/bin.ts into `outfile`. */
export async function bundleCli(outfile) {
  await build({
    entryPoints: [join(root, "packages/cli/src/bin.ts")],
    outfile,
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node20",
    legalComments: "none",
    // Less to read and hash at every start; names stay, so an internal error still shows a stack.
    minifyWhitespace: true,
    // Loaded only off the happy path (error frames, `gen-nix import`): keep them out of the bundle.
    external: ["ts-morph", "prettier"],
    // The lazy require of ts-morph resolves from import.meta.url, which a CommonJS bundle lacks.
    define: { "import.meta.url": "__genNixUrl" },
    banner: { js: 'var __genNixUrl = require("node:url").pathToFileURL(__filename).href;' },
    plugins: [lazyYaml],
    logLevel: "warning",
  });
}
