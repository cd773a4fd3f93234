// Resolves the relative imports of the config and its helper files the way TypeScript users
// write them: `./hosts.ts`, `./hosts`, `./lib` (→ lib/index.ts) or NodeNext's `./hosts.js`.
import { existsSync, statSync } from "node:fs";
import { dirname, extname, isAbsolute, join, resolve } from "node:path";
import { ConfigLoadError } from "./errors.ts";

/** Extensions tried, in order, for a specifier without one. */
const EXTENSIONS = [".ts", ".mts", ".cts", ".js", ".mjs", ".cjs", ".json"];

/** NodeNext style names the emitted file: `./hosts.js` means `./hosts.ts` when only that exists. */
const TS_TWIN: Readonly<Record<string, string>> = { ".js": ".ts", ".mjs": ".mts", ".cjs": ".cts" };

/** True for specifiers naming a file rather than a package: `./x`, `../x`, `/abs/x`. */
export function isFileSpecifier(specifier: string): boolean {
  return specifier === "." || specifier === ".." || /^\.\.?\//.test(specifier) || isAbsolute(specifier);
}

/** The absolute path `specifier` (a file specifier) names when imported from the file `from`. */
export function resolveImport(specifier: string, from: string): string {
  const base = resolve(dirname(from), specifier);
  const found = candidates(base).find(isFile);
  if (found !== undefined) return found;
  throw new ConfigLoadError("module_not_found", `cannot find '${specifier}'`, { file: from });
}

function candidates(base: string): string[] {
  const twin = TS_TWIN[extname(base)];
  return [
    base,
    ...(twin === undefined ? [] : [base.slice(0, -extname(base).length) + twin]),
    ...EXTENSIONS.map((ext) => base + ext),
    ...EXTENSIONS.map((ext) => join(base, `index${ext}`)),
  ];
}

// existsSync first: statSync throws ENOTDIR when a parent of `path` is a file.
function isFile(path: string): boolean {
  return existsSync(path) && statSync(path).isFile();
}
