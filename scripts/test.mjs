// Runs every packages/*/test/*.test.ts with uvu under tsx and closes with one summary line
// ("N passed, N failed") that CI reads.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
// A pattern narrows the test files; it never picks other files (a bundle in dist, a source file
// that runs the CLI when loaded) that happen to match it.
const pattern = `^(?=.*(?:${process.argv[2] ?? ""})).*\\.test\\.ts$`;
const child = spawn(
  process.execPath,
  ["--import", "tsx", join(root, "node_modules/uvu/bin.js"), "packages", pattern],
  { cwd: root, env: { ...process.env, FORCE_COLOR: "0", NO_COLOR: "1" }, stdio: ["ignore", "pipe", "inherit"] },
);
let out = "";
child.stdout.on("data", (chunk) => {
  out += chunk;
  process.stdout.write(chunk);
});
child.on("close", (code) => {
  const total = Number(/Total:\s+(\d+)/.exec(out)?.[1] ?? 0);
  const passed = Number(/Passed:\s+(\d+)/.exec(out)?.[1] ?? 0);
  const skipped = Number(/Skipped:\s+(\d+)/.exec(out)?.[1] ?? 0);
  // A crash before uvu's totals counts as one failure so CI can never read it as green.
  const failed = total > 0 ? total - passed - skipped : code === 0 ? 0 : 1;
  console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
  process.exitCode = code !== 0 || failed > 0 || total === 0 ? 1 : 0;
});
