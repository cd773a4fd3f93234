// Bundles the CLI (with the DSL and emitters) into one CommonJS file, so a cold `gen-nix`
// compiles one script — and, with the V8 code cache that bin/gen-nix.cjs keeps beside it,
// hardly compiles at all. Then warms that cache with one run on the bundled example.
import { build } from "esbuild";
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const dist = join(root, "packages/cli/dist");
rmSync(dist, { recursive: true, force: true });
await build({
  entryPoints: [join(root, "packages/cli/src/bin.ts")],
  outfile: join(dist, "gen-nix.cjs"),
  bundle: true,
  platform: "node",
  format: "cjs",
  target: "node20",
  legalComments: "none",
  // Less to read and hash at every start; names stay, so an internal error still shows a stack.
  minifyWhitespace: true,
  // Loaded only off the happy path (error frames, `gen-nix import`): keep them out of the bundle.
  external: ["ts-morph", "prettier"],
  logLevel: "warning",
});

// The warm-up writes next to a copy of the example, as a user's run writes next to its config.
const out = mkdtempSync(join(tmpdir(), "gen-nix-warm-"));
cpSync(join(root, "fixtures/hetzner-prod"), out, { recursive: true });
const warm = spawnSync(process.execPath, [join(root, "packages/cli/bin/gen-nix.cjs"), "--config", join(out, "infra.config.ts")], { encoding: "utf8" });
rmSync(out, { recursive: true, force: true });
if (warm.status !== 0) throw new Error(`warming the code cache failed:\n${warm.stderr}`);
