// Where a flake may be written. gen-nix replaces and deletes files in its out dir, so a mistyped
// --out must not aim it at a place whose files are not the user's project: the filesystem root,
// the home directory itself, a node_modules tree, or anywhere outside the repository that holds
// the config. Checked before the config is loaded, so nothing is written.
import { existsSync, realpathSync } from "node:fs";
import { homedir } from "node:os";
import { basename, dirname, join, resolve, sep } from "node:path";
import { UsageError, contains, displayPath } from "./errors.ts";

/** Throws UsageError when `outDir` is not a place gen-nix may write to for `configFile`. */
export function assertOutDirAllowed(outDir: string, configFile: string, home: string = homedir()): void {
  const out = canonical(outDir);
  const refuse = (why: string): UsageError =>
    new UsageError(`refusing to write the flake to ${displayPath(outDir)}: ${why}`);
  const elsewhere = "pass --out with a directory of its own inside your repository";
  if (dirname(out) === out) throw refuse(`it is the filesystem root; ${elsewhere}`);
  if (home !== "" && out === canonical(home)) throw refuse(`it is your home directory; ${elsewhere}`);
  if (out.split(sep).includes("node_modules")) {
    throw refuse(`it is inside node_modules, which package managers delete and rewrite; ${elsewhere}`);
  }
  const { root, found } = repositoryOf(canonical(dirname(configFile)));
  if (!contains(root, out)) {
    const where = found
      ? `the repository that holds the config (${displayPath(root)}, found by its .git)`
      : `the config's directory (${displayPath(root)}; there is no .git above it)`;
    throw refuse(`it is outside ${where}; pass --out with a directory inside it`);
  }
}

/** The nearest ancestor of `dir` (itself included) with a `.git` entry, or `dir` when none has. */
function repositoryOf(dir: string): { root: string; found: boolean } {
  for (let d = dir; ; d = dirname(d)) {
    // A file as well as a directory: worktrees and submodules have a `.git` file.
    if (existsSync(join(d, ".git"))) return { root: d, found: true };
    if (dirname(d) === d) return { root: dir, found: false };
  }
}

/** `path` absolute with symlinks resolved in the part that exists, so /tmp vs /private/tmp agree. */
function canonical(path: string): string {
  const absolute = resolve(path);
  const missing: string[] = [];
  for (let d = absolute; ; d = dirname(d)) {
    if (existsSync(d)) return join(realpathSync.native(d), ...missing);
    if (dirname(d) === d) return absolute;
    missing.unshift(basename(d));
  }
}
