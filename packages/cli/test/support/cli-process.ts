// The CLI as a user runs it: a child process running the bundle `pnpm build` makes, built here
// from the current sources once per test run. Starting the bundle takes a fraction of what
// starting the sources under tsx does, which keeps the tests that need a real process quick.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { bundleCli } from "../../../../scripts/cli-bundle.mjs";

/** Inside the package, so the bundle's lazy `require("ts-morph")` resolves as in an install. */
const BUNDLE = fileURLToPath(new URL("../../dist/test/gen-nix.cjs", import.meta.url));

let built: Promise<string> | undefined;

/** The bundle's path, built on first use. */
export function cliBundle(): Promise<string> {
  built ??= bundleCli(BUNDLE).then(() => BUNDLE);
  return built;
}

export interface ProcessResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the bundle (call `await cliBundle()` first, e.g. in `test.before`) in `cwd` with `env`
 * on top of ours; colours off unless `env` asks, since the test runner forces them.
 */
export function runCliProcess(argv: readonly string[], cwd: string, env: Record<string, string> = {}): ProcessResult {
  const base: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: "1" };
  delete base.FORCE_COLOR;
  const child = spawnSync(process.execPath, [BUNDLE, ...argv], { cwd, encoding: "utf8", env: { ...base, ...env } });
  return { code: child.status, signal: child.signal, stdout: child.stdout, stderr: child.stderr };
}
