/** The real Nix tools, called the way the tests need them. */
import { spawnSync } from "node:child_process";

function run(args: string[], input?: string): string {
  const r = spawnSync("nix-instantiate", args, { input, encoding: "utf8" });
  if (r.error) throw new Error(`nix-instantiate is not installed (apt-get install nix-bin): ${r.error.message}`);
  if (r.status !== 0) throw new Error(`nix-instantiate ${args.join(" ")} failed:\n${r.stderr}`);
  return r.stdout;
}

/** Evaluates a Nix expression strictly and returns its JSON value. */
export function nixEval(expr: string): unknown {
  return JSON.parse(run(["--eval", "--strict", "--json", "-E", expr]));
}

/** Parses the files with the real Nix parser; throws with Nix's message on the first failure. */
export function nixParse(files: string[]): void {
  if (files.length > 0) run(["--parse", ...files]);
}

/** A NixOS module file called with stand-in arguments (if it is a function), as JSON. */
export function evalModuleFile(file: string, args: string, select = ""): unknown {
  return nixEval(`let m = import ${file}; r = if builtins.isFunction m then m ${args} else m; in r${select}`);
}
