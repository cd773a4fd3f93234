/**
 * The benchmarks measure the code as shipped (bundled, as in the CLI), not as tsx runs it in
 * development: this bundles a bench entry into `dir` and returns the bundle's path.
 */
import { join } from "node:path";
import { build } from "esbuild";

export async function bundleEntry(entry: string, dir: string): Promise<string> {
  const outfile = join(dir, "lib.mjs");
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: "node",
    format: "esm",
    // CommonJS dependencies (yaml) call require() for Node built-ins, which an ES module lacks.
    banner: { js: 'import { createRequire as __benchRequire } from "node:module"; const require = __benchRequire(import.meta.url);' },
    logLevel: "warning",
  });
  return outfile;
}
