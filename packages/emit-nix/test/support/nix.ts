/** The real Nix tools, called the way the tests need them. */
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

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

/**
 * The Nix expression for a NixOS module file called with stand-in arguments (if it is a
 * function), for tests that evaluate many modules in one `nixEval`.
 */
export function callModule(file: string, args: string): string {
  return `(let m = import ${file}; in if builtins.isFunction m then m ${args} else m)`;
}

/** A NixOS module file called with stand-in arguments (if it is a function), as JSON. */
export function evalModuleFile(file: string, args: string, select = ""): unknown {
  return nixEval(`${callModule(file, args)}${select}`);
}

/** Writes Nix text to a file of its own in a fresh temporary directory; returns its path. */
export function tempNixFile(content: string): string {
  const file = join(mkdtempSync(join(tmpdir(), "gen-nix-test-")), "m.nix");
  writeFileSync(file, content);
  return file;
}

/** `evalModuleFile` on generated text. */
export const evalModuleText = (content: string, args: string, select = ""): unknown => evalModuleFile(tempNixFile(content), args, select);
