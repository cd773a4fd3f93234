/** The Nix expression for an app's package and the command lines that run from it. */
import { n } from "../ast/build.ts";
import type { Expr } from "../ast/nodes.ts";
import type { CommandLine, PackageRef, TemplatePart } from "@gen-nix/dsl";
import { type EmitOptions, fromSource, relativePath } from "./file.ts";

/**
 * `inputs.<input>.packages.${system}.<attr>` for a flake input; for a source directory,
 * `builtins.path` copies it into the store under a stable name.
 */
export function packageExpr(ref: PackageRef, name: string, fileDir: string, opts: EmitOptions): Expr {
  if (ref.kind === "input") {
    const system = n.interp(n.ref("pkgs.stdenv.hostPlatform.system"));
    return n.select(n.ref(`inputs.${ref.input}`), ["packages", system, ref.attr]);
  }
  return n.apply("builtins.path", { path: relativePath(fileDir, fromSource(opts, ref.path)), name: `${name}-src` });
}

/** Whether a command or template refers to the app's package. */
export const usesPackage = (parts: readonly TemplatePart[]): boolean => parts.some((p) => typeof p === "object" && "package" in p);

/** Template parts as string parts: `{pkgs: "bun"}` → `${pkgs.bun}`, `{package}` → `${package}`. */
export function templateParts(parts: readonly TemplatePart[], packageVar: string): (string | Expr)[] {
  return parts.map((p) => (typeof p === "string" ? p : "pkgs" in p ? n.ref(`pkgs.${p.pkgs}`) : n.ident(packageVar)));
}

/** A command line as one `"..."` string with its words separated by spaces. */
export function commandString(cmd: CommandLine, packageVar: string): Expr {
  const parts: (string | Expr)[] = [];
  cmd.forEach((word, i) => {
    if (i > 0) parts.push(" ");
    for (const p of templateParts(word, packageVar)) parts.push(p);
  });
  return n.str(...parts);
}
