// A minimal CommonJS module system for the config and the files it imports. Sucrase strips types
// and turns ESM into CJS while keeping line numbers, so stack traces point at the user's lines;
// there are no loader hooks and no temp files, and `modules` (e.g. "gen-nix") are served from
// objects already in memory, so a config needs no node_modules. Chosen by measurement (median
// cold start over `node -e 0`, tiny two-file config): sucrase bundled into the CLI +65 ms,
// esbuild buildSync +170 ms (spawns its binary), jiti +365 ms uncached, tsx's API +490 ms.
// With a compile cache, a file compiled in an earlier run is not compiled again (compile-cache.ts).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, extname } from "node:path";
import { compileFunction } from "node:vm";
import sucrasePackage from "sucrase/package.json" with { type: "json" };
import type { Options, Transform } from "sucrase";
import type { CompileCache } from "./compile-cache.ts";
import { ConfigLoadError } from "./errors.ts";
import { isFileSpecifier, resolveImport } from "./resolve-import.ts";

interface CjsModule {
  exports: unknown;
}

type Require = (specifier: string) => unknown;

export interface ModuleLoader {
  /** Evaluates `file` (absolute) once and returns its `module.exports`. */
  load(file: string): unknown;
  /** Every file evaluated so far, for locating errors in the user's code. */
  files(): string[];
}

const WRAPPER_PARAMS = ["exports", "require", "module", "__filename", "__dirname"];

/**
 * A loader that answers `require(name)` for each name in `modules` with the given object, and
 * takes compiled files from `compileCache` when it holds them.
 */
export function createModuleLoader(modules: Readonly<Record<string, unknown>>, compileCache?: CompileCache): ModuleLoader {
  const cache = new Map<string, CjsModule>();

  const load = (file: string): unknown => {
    const cached = cache.get(file);
    if (cached) return cached.exports;
    const module: CjsModule = { exports: {} };
    // Cached before evaluation, as in Node: an import cycle sees the partial exports.
    cache.set(file, module);
    if (extname(file) === ".json") module.exports = parseJson(file);
    else evaluate(file, compile(file, compileCache), module, requireFrom(file));
    return module.exports;
  };

  const requireFrom = (file: string): Require => {
    const nodeRequire = createRequire(file);
    return (specifier) => {
      if (Object.hasOwn(modules, specifier)) return modules[specifier];
      return isFileSpecifier(specifier) ? load(resolveImport(specifier, file)) : nodeRequire(specifier);
    };
  };

  return { load, files: () => [...cache.keys()] };
}

function transformsFor(file: string): Transform[] | undefined {
  const ext = extname(file);
  if (ext === ".cjs") return undefined;
  return [".ts", ".mts", ".cts"].includes(ext) ? ["typescript", "imports"] : ["imports"];
}

function compile(file: string, cache: CompileCache | undefined): string {
  const source = readFileSync(file, "utf8");
  const transforms = transformsFor(file);
  if (transforms === undefined) return source;
  const options: Options = { transforms, disableESTransforms: true };
  // Everything the output depends on: another sucrase or other options make other code.
  const input = `sucrase ${sucrasePackage.version} ${JSON.stringify(options)}\n${source}`;
  const cached = cache?.get(file, input);
  if (cached !== undefined) return cached;
  let code: string;
  try {
    code = loadSucrase().transform(source, { ...options, filePath: file }).code;
  } catch (error) {
    throw parseError(file, error);
  }
  cache?.set(file, input, code);
  return code;
}

/**
 * Sucrase, loaded when a file is first compiled: with the config in the compile cache a run never
 * needs it, and loading it costs ~6 ms. In the CommonJS bundle, esbuild turns this require() into
 * running sucrase's bundled code at that moment; run from the sources (ES modules, under tsx),
 * there is no require, and createRequire loads sucrase from node_modules.
 */
function loadSucrase(): typeof import("sucrase") {
  return typeof require === "function" ? require("sucrase") : createRequire(import.meta.url)("sucrase");
}

function evaluate(file: string, code: string, module: CjsModule, require: Require): void {
  let fn: ReturnType<typeof compileFunction>;
  try {
    fn = compileFunction(code, WRAPPER_PARAMS, { filename: file });
  } catch (error) {
    throw compileError(file, error);
  }
  fn.call(module.exports, module.exports, require, module, file, dirname(file));
}

function parseJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ConfigLoadError("invalid_json", `invalid JSON: ${reason}`, { file }, { cause: error });
  }
}

/** Sucrase's parse errors carry a 1-based `loc`; their message repeats the file and position. */
function parseError(file: string, error: unknown): unknown {
  if (!(error instanceof SyntaxError) || !hasLoc(error)) return error;
  const { line, column } = error.loc;
  const prefix = `Error transforming ${file}: `;
  const message = error.message.startsWith(prefix) ? error.message.slice(prefix.length) : error.message;
  const reason = message.replace(/ \(\d+:\d+\)$/, "");
  return new ConfigLoadError("syntax_error", `syntax error: ${reason}`, { file, line, column }, { cause: error });
}

function hasLoc(error: object): error is { loc: { line: number; column: number } } {
  const loc: unknown = Reflect.get(error, "loc");
  if (typeof loc !== "object" || loc === null) return false;
  return Number.isInteger(Reflect.get(loc, "line")) && Number.isInteger(Reflect.get(loc, "column"));
}

/**
 * What sucrase accepts but V8 rejects (top-level await, duplicate declarations). V8 names only the
 * line, as the first line of the stack; sucrase kept lines but not columns, so no column is given.
 */
function compileError(file: string, error: unknown): unknown {
  if (!(error instanceof SyntaxError)) return error;
  const line = /:(\d+)$/.exec(error.stack?.split("\n", 1)[0] ?? "")?.[1];
  const location = line === undefined ? { file } : { file, line: Number(line) };
  return new ConfigLoadError("syntax_error", `syntax error: ${error.message}`, location, { cause: error });
}
