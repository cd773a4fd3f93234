// Bundles the CLI (with the DSL and emitters) into one CommonJS file, so a cold `gen-nix`
// compiles one script — and, with the V8 code cache that bin/gen-nix.cjs keeps beside it,
// hardly compiles at all. Then warms that cache with one run on the bundled example.
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";
import { bundleCli } from "./cli-bundle.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const dist = join(root, "packages/cli/dist");
rmSync(dist, { recursive: true, force: true });
await bundleCli(join(dist, "gen-nix.cjs"));

// The warm-up writes next to a copy of the example, as a user's run writes next to its config.
// The copy lives in dist, not in the temp dir: during `pnpm install` that is inside node_modules,
// where gen-nix rightly refuses to write.
const out = mkdtempSync(join(dist, "warm-"));
cpSync(join(root, "fixtures/hetzner-prod"), out, { recursive: true });
const warm = spawnSync(process.execPath, [join(root, "packages/cli/bin/gen-nix.cjs"), "--config", join(out, "infra.config.ts")], { encoding: "utf8" });
rmSync(out, { recursive: true, force: true });
if (warm.status !== 0) throw new Error(`warming the code cache failed:\n${warm.stderr}`);
// The warm-up also kept its compiled config (packages/cli/src/compile-cache.ts), of use to no one.
rmSync(join(dist, "config-cache"), { recursive: true, force: true });
