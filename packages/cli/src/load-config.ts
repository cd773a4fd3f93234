// Loads infra.config.ts and returns the config it exports. Every way a user's config can fail to
// load becomes a ConfigLoadError naming the file (and line), printed without a stack trace.
import { existsSync, statSync } from "node:fs";
import { quote } from "@gen-nix/dsl";
import type { CompileCache } from "./compile-cache.ts";
import { ConfigLoadError, displayPath, type SourceLocation } from "./errors.ts";
import { createModuleLoader, type ModuleLoader } from "./module-loader.ts";

export interface LoadConfigOptions {
  /** Specifiers answered from memory instead of node_modules, e.g. `{ "gen-nix": dsl }`. */
  readonly modules: Readonly<Record<string, unknown>>;
  /** Where file names in messages are relative to; default process.cwd(). */
  readonly cwd?: string;
  /** Compiled files kept from earlier runs (see compile-cache.ts); without it, each file is compiled. */
  readonly compileCache?: CompileCache;
}

/**
 * The default export of the TypeScript file `file` (absolute), or else its named `config` export.
 *
 * ```ts
 * loadConfig("/repo/infra.config.ts", { modules: { "gen-nix": dsl } }); // { hosts: { ... } }
 * ```
 */
export function loadConfig(file: string, options: LoadConfigOptions): unknown {
  // existsSync first: statSync throws ENOTDIR when a parent of `file` is a file.
  if (!existsSync(file)) throw new ConfigLoadError("config_not_found", "config file not found", { file });
  if (!statSync(file).isFile()) throw new ConfigLoadError("not_a_file", "config path is not a file", { file });
  const loader = createModuleLoader(options.modules, options.compileCache);
  return pickExport(file, evaluateConfig(file, loader, options.cwd));
}

function evaluateConfig(file: string, loader: ModuleLoader, cwd?: string): unknown {
  // Node's module resolver alone can fill the default 10 frames before the user's line.
  const stackTraceLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 100;
  try {
    return loader.load(file);
  } catch (error) {
    if (error instanceof ConfigLoadError) throw error;
    const site = throwSite(error, loader.files());
    const via = site && site.file !== file ? ` (while loading ${displayPath(file, cwd)})` : "";
    const code = Reflect.get(Object(error), "code") === "MODULE_NOT_FOUND" ? "module_not_found" : "config_threw";
    throw new ConfigLoadError(code, `${describe(error)}${via}`, site ?? { file }, { cause: error });
  } finally {
    Error.stackTraceLimit = stackTraceLimit;
  }
}

function pickExport(file: string, exports: unknown): unknown {
  // Object() so that a primitive `module.exports` reads as exporting nothing instead of crashing.
  const box: object = Object(exports);
  for (const name of ["default", "config"]) {
    const value: unknown = Reflect.get(box, name);
    if (value === undefined) continue;
    if (typeof Reflect.get(Object(value), "then") === "function") {
      const reason = "exports a Promise: gen-nix reads the config synchronously, so export the object itself";
      throw new ConfigLoadError("no_config_export", reason, { file });
    }
    return value;
  }
  throw new ConfigLoadError("no_config_export", "exports no config: add `export default defineInfra({ ... })`", { file });
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return `threw ${typeof error === "string" ? quote(error) : String(error)}`;
  // Node appends the require chain to MODULE_NOT_FOUND; the location already says where.
  return `${error.name}: ${error.message.split("\nRequire stack:")[0]}`;
}

/** The innermost stack frame inside the user's files: where in their code it threw. */
function throwSite(error: unknown, files: readonly string[]): SourceLocation | undefined {
  const stack = error instanceof Error ? (error.stack ?? "") : "";
  const frames = stack.split("\n").filter((line) => /^\s+at /.test(line));
  for (const frame of frames) {
    for (const file of files) {
      const line = lineIn(frame, file);
      if (line !== undefined) return { file, line };
    }
  }
  return undefined;
}

/** `at f (/x/hosts.ts:3:9)` or `at /x/hosts.ts:3:9` → 3; sucrase keeps lines but not columns. */
function lineIn(frame: string, file: string): number | undefined {
  for (const prefix of [`(${file}:`, `at ${file}:`]) {
    const at = frame.indexOf(prefix);
    const line = at < 0 ? undefined : /^\d+/.exec(frame.slice(at + prefix.length))?.[0];
    if (line !== undefined) return Number(line);
  }
  return undefined;
}
