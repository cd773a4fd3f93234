// `pnpm example`: the bundled example as a user would have it — its infra.config.ts and
// hardware-configuration.nix in a repository of their own (out/hetzner-prod) — then gen-nix
// run there, writing the flake next to the config.
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { dirname, join, relative } from "node:path";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const repo = join(root, "out/hetzner-prod");
mkdirSync(repo, { recursive: true });
cpSync(join(root, "fixtures/hetzner-prod"), repo, { recursive: true });
const run = spawnSync(process.execPath, [join(root, "packages/cli/bin/gen-nix.cjs"), "--config", join(repo, "infra.config.ts"), ...process.argv.slice(2)], { stdio: "inherit" });
if (run.status === 0) console.log(`the flake is in ${relative(process.cwd(), repo) || "."}/ (flake.nix, hosts/prod/*.nix)`);
process.exitCode = run.status ?? 1;
