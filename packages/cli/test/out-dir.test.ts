// Where gen-nix may write: never the filesystem root, the home directory itself, a node_modules
// tree, or outside the repository holding the config (its own directory tree without a .git).
import { test } from "uvu";
import * as assert from "uvu/assert";
import { symlinkSync } from "node:fs";
import { join } from "node:path";
import { UsageError } from "../src/errors.ts";
import { genNix } from "../src/gen-nix.ts";
import { assertOutDirAllowed } from "../src/out-dir.ts";
import { readTree, removeTempDirs, tempDir, writeTree } from "./support/fs.ts";

/** A repository (`.git` dir) with the config in `infra/`; `home` is a separate temp dir. */
function layout(): { repo: string; config: string; home: string } {
  const repo = tempDir();
  writeTree(repo, { ".git/HEAD": "ref: refs/heads/main\n", "infra/infra.config.ts": "" });
  return { repo, config: join(repo, "infra", "infra.config.ts"), home: tempDir() };
}

function refused(out: string, config: string, home: string, why: RegExp): void {
  assert.throws(
    () => assertOutDirAllowed(out, config, home),
    (error: unknown) => error instanceof UsageError && /^refusing to write the flake to /.test(error.message) && why.test(error.message),
    out,
  );
}

function allowed(out: string, config: string, home: string): void {
  assert.not.throws(() => assertOutDirAllowed(out, config, home), out);
}

test("allowed: the config's dir, the repository root, and new dirs anywhere inside the repository", () => {
  const { repo, config, home } = layout();
  allowed(join(repo, "infra"), config, home);
  allowed(repo, config, home);
  allowed(join(repo, "deploy", "not", "yet", "there"), config, home);
});

test("refused: the filesystem root", () => {
  const { config, home } = layout();
  refused("/", config, home, /: it is the filesystem root; pass --out/);
});

test("refused: the home directory itself, even when it is a repository; a project below it is fine", () => {
  const home = tempDir();
  writeTree(home, { ".git/HEAD": "ref: refs/heads/main\n", "infra.config.ts": "", "infra/infra.config.ts": "" });
  refused(home, join(home, "infra.config.ts"), home, /: it is your home directory; pass --out/);
  refused(join(home, "infra", ".."), join(home, "infra", "infra.config.ts"), home, /your home directory/);
  allowed(join(home, "infra"), join(home, "infra", "infra.config.ts"), home);
});

test("refused: anywhere inside a node_modules tree, even inside the repository", () => {
  const { repo, config, home } = layout();
  refused(join(repo, "node_modules"), config, home, /inside node_modules, which package managers delete and rewrite/);
  refused(join(repo, "node_modules", "gen-nix", "flake"), config, home, /inside node_modules/);
  const nested = join(repo, "node_modules", "pkg");
  writeTree(nested, { "infra.config.ts": "" });
  refused(nested, join(nested, "infra.config.ts"), home, /inside node_modules/);
});

test("refused: outside the repository that holds the config, found by its .git dir or file", () => {
  const { repo, config, home } = layout();
  refused(join(repo, ".."), config, home, /outside the repository that holds the config \([^)]*, found by its \.git\)/);
  refused(join(tempDir(), "flake"), config, home, /outside the repository/);
  // A worktree or submodule has a .git file, not a directory.
  const worktree = tempDir();
  writeTree(worktree, { ".git": "gitdir: /elsewhere/.git/worktrees/w\n", "infra/infra.config.ts": "" });
  allowed(worktree, join(worktree, "infra", "infra.config.ts"), home);
  refused(join(worktree, "..", "flake"), join(worktree, "infra", "infra.config.ts"), home, /found by its \.git/);
});

test("without a .git above the config, its own directory tree is the limit", () => {
  const dir = tempDir();
  const config = join(dir, "infra.config.ts");
  writeTree(dir, { "infra.config.ts": "" });
  allowed(dir, config, "");
  allowed(join(dir, "flake"), config, "");
  refused(join(dir, ".."), config, "", /outside the config's directory \([^)]*; there is no \.git above it\)/);
});

test("symlinks are followed: a repository reached through a link still contains its subdirs", () => {
  const { repo, home } = layout();
  const link = join(tempDir(), "link");
  symlinkSync(repo, link);
  allowed(join(repo, "flake"), join(link, "infra", "infra.config.ts"), home);
  allowed(join(link, "flake"), join(repo, "infra", "infra.config.ts"), home);
  // A link inside the repository that points out of it is outside.
  const outside = tempDir();
  symlinkSync(outside, join(repo, "escape"));
  refused(join(repo, "escape", "flake"), join(repo, "infra", "infra.config.ts"), home, /outside the repository/);
});

test("gen-nix refuses before loading the config, and writes nothing", () => {
  const { repo } = layout();
  writeTree(repo, { "infra/infra.config.ts": 'throw new Error("must not be loaded");\n' });
  const io = { cwd: join(repo, "infra"), stdout: () => undefined, stderr: () => undefined };
  for (const out of ["/", join(repo, "node_modules", "flake"), join(tempDir(), "flake")]) {
    assert.throws(() => genNix(["--out", out], io), (error: unknown) => error instanceof UsageError, out);
  }
  assert.equal(Object.keys(readTree(repo)), [".git/HEAD", "infra/infra.config.ts"]);
});

test.after(removeTempDirs);
test.run();
