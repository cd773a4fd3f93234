/** What every emitter produces, and the pieces they share. */
import { n } from "../ast/build.ts";
import type { Expr, NixFile } from "../ast/nodes.ts";
import { argsIn } from "../ast/args.ts";
import { usesOf } from "../ast/objects.ts";
import { printFile } from "../print/index.ts";

export interface GeneratedFile {
  /** posix path relative to the flake root */
  readonly path: string;
  readonly content: string;
}

export interface EmitOptions {
  /** posix path of the config file's directory relative to the flake root ("" when the same) */
  readonly sourceDir: string;
}

/** The first line of every generated file. */
export const HEADER = ["Generated from infra.config.ts by gen-nix. Do not edit."];

export function nixFile(path: string, body: Expr): GeneratedFile {
  const file: NixFile = n.file(HEADER, body);
  return { path, content: printFile(file) };
}

/**
 * A NixOS module file: `{ <args>, ... }:` over `body` with exactly the module arguments the body
 * refers to, or the bare attribute set when it refers to none. (Emitters never bind these names.)
 */
export function moduleFile(path: string, body: Expr): GeneratedFile {
  const args = argsIn(usesOf(body));
  return nixFile(path, args.length > 0 ? n.module(args, body) : body);
}

/** A path literal from a file at `fromDir` (posix, relative to the flake root) to `target`. */
export function relativePath(fromDir: string, target: string): Expr {
  const up = fromDir === "" ? [] : fromDir.split("/").map(() => "..");
  const rel = [...up, ...target.split("/").filter((s) => s !== "" && s !== ".")].join("/");
  return n.path(rel.startsWith("..") ? rel : `./${rel}`);
}

/** Joins the config-relative `path` onto the source dir, both posix. */
export const fromSource = (opts: EmitOptions, path: string): string => (opts.sourceDir === "" ? path : `${opts.sourceDir}/${path}`);
