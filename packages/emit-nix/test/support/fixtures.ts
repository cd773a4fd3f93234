/**
 * Golden fixtures: `fixtures/<case>/infra.config.ts` generates `golden/<case>/**`. A golden
 * tree is the user's repository after `gen-nix`: the user's own files from the fixture folder
 * (other than the config) beside the generated ones, so it is a flake that evaluates as is.
 * Set UPDATE_GOLDEN=1 to rewrite the golden trees (stale files are deleted).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { resolveInfra } from "@gen-nix/dsl";
import { emitAll, type GeneratedFile } from "@gen-nix/emit-nix";

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "../../../..");
const FIXTURES = join(ROOT, "fixtures");
export const GOLDEN = join(ROOT, "golden");

/** Every valid fixture case (a folder with an infra.config.ts; `invalid/` holds broken ones). */
export function fixtureCases(): string[] {
  return readdirSync(FIXTURES)
    .filter((c) => c !== "invalid" && existsSync(join(FIXTURES, c, "infra.config.ts")))
    .sort();
}

export async function generate(name: string): Promise<GeneratedFile[]> {
  const mod = (await import(pathToFileURL(join(FIXTURES, name, "infra.config.ts")).href)) as { default: unknown };
  return emitAll(resolveInfra(mod.default));
}

/** All files below `dir` as posix relative path → content, sorted by path. */
export function readTree(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.set(relative(dir, p).split("\\").join("/"), readFileSync(p, "utf8"));
    }
  };
  if (existsSync(dir)) walk(dir);
  return out;
}

/** A file of the golden tree; user files keep their mode (an app's scripts stay executable). */
export type TreeFile = GeneratedFile & { readonly mode?: number };

/** The user's files next to a fixture's config, which the generated flake may import. */
export function userFiles(name: string): TreeFile[] {
  const tree = readTree(join(FIXTURES, name));
  tree.delete("infra.config.ts");
  return [...tree].map(([path, content]) => ({ path, content, mode: statSync(join(FIXTURES, name, path)).mode & 0o777 }));
}

export function writeTree(dir: string, files: TreeFile[]): void {
  rmSync(dir, { recursive: true, force: true });
  for (const f of files) {
    mkdirSync(dirname(join(dir, f.path)), { recursive: true });
    writeFileSync(join(dir, f.path), f.content, f.mode === undefined ? {} : { mode: f.mode });
  }
}

/** Every golden `.nix` file, absolute paths. */
export function goldenNixFiles(): string[] {
  return fixtureCases().flatMap((c) => [...readTree(join(GOLDEN, c)).keys()].filter((p) => p.endsWith(".nix")).map((p) => join(GOLDEN, c, p)));
}
