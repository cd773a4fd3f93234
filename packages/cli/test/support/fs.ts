// Temp dirs and whole-tree reads/writes for the CLI tests. Temp dirs live in os.tmpdir(), outside
// the repo, so no node_modules can resolve anything a config imports.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

const created: string[] = [];

export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "gen-nix-cli-"));
  created.push(dir);
  return dir;
}

/** For `test.after`: removes every dir tempDir() made. */
export function removeTempDirs(): void {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** Writes `files` (posix path → content) under `dir`, creating parent dirs. */
export function writeTree(dir: string, files: Readonly<Record<string, string>>): void {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
}

/** Every file under `dir` as posix path → content, sorted by path. */
export function readTree(dir: string, prefix = ""): Record<string, string> {
  const tree: Record<string, string> = {};
  for (const name of readdirSync(join(dir, prefix)).sort()) {
    const path = prefix === "" ? name : `${prefix}/${name}`;
    if (statSync(join(dir, path)).isDirectory()) Object.assign(tree, readTree(dir, path));
    else tree[path] = readFileSync(join(dir, path), "utf8");
  }
  return tree;
}

/** Every directory under `dir` (posix, relative), to see which ones pruning left. */
export function listDirs(dir: string, prefix = ""): string[] {
  return readdirSync(join(dir, prefix))
    .map((name) => (prefix === "" ? name : `${prefix}/${name}`))
    .filter((path) => statSync(join(dir, path)).isDirectory())
    .flatMap((path) => [path, ...listDirs(dir, path)]);
}
