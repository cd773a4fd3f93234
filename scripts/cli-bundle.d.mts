/** Bundles packages/cli/src/bin.ts into `outfile` (see cli-bundle.mjs). */
export function bundleCli(outfile: string): Promise<void>;
