// The gen-nix command: load → resolve → emit → write (or --check). Errors are thrown, not
// printed: main.ts alone decides how each is shown and which exit code it gets.
import { dirname, relative, resolve, sep } from "node:path";
import * as dsl from "@gen-nix/dsl";
import { emitAll, type GeneratedFile } from "@gen-nix/emit-nix";
import packageJson from "../package.json" with { type: "json" };
import { USAGE, parseCliArgs } from "./args.ts";
import { audit } from "./audit.ts";
import { checkFiles } from "./check.ts";
import type { CompileCache } from "./compile-cache.ts";
import { locateDiagnostics, formatReports, reportsJson } from "./diagnostics/report.ts";
import { ANSI, PLAIN } from "./diagnostics/style.ts";
import { UsageError, contains, displayPath } from "./errors.ts";
import { JOURNAL_NAME, LOCK_NAME, STAGING_NAME } from "./manifest.ts";
import { loadConfig } from "./load-config.ts";
import type { LockWait } from "./lock.ts";
import { assertOutDirAllowed } from "./out-dir.ts";
import { writeFiles } from "./write.ts";

export interface CliIo {
  readonly cwd: string;
  stdout(text: string): void;
  stderr(text: string): void;
  /** ANSI colours in messages on stderr (see diagnostics/style.ts `useColor`); default off. */
  readonly color?: boolean;
  /** Where compiled config files are kept between runs (bin.ts: beside the bundle); default none. */
  readonly compileCache?: CompileCache;
}

/** A config's `import ... from "gen-nix"` gets this very DSL instance: no node_modules needed. */
const CONFIG_MODULES = { "gen-nix": dsl, "@gen-nix/dsl": dsl };

/** Runs gen-nix with `argv` (without node and the script); returns the exit code. */
export function genNix(argv: readonly string[], io: CliIo): number {
  const args = parseCliArgs(argv);
  if (args.help) return print(io, USAGE);
  if (args.version) return print(io, `gen-nix ${packageJson.version}\n`);
  const configFile = resolve(io.cwd, args.config);
  const outDir = args.out === undefined ? dirname(configFile) : resolve(io.cwd, args.out);
  // audit writes nothing, so where the flake would go does not matter to it.
  if (args.command !== "audit") assertOutDirAllowed(outDir, configFile);
  const config = loadConfig(configFile, { modules: CONFIG_MODULES, cwd: io.cwd, compileCache: io.compileCache });
  const model = dsl.resolveInfra(config);
  if (args.command === "audit") return audit(model, args.json, io);
  const sourceDir = sourceDirOf(configFile, outDir, model);
  reportWarnings(model.warnings, configFile, args.json, io);
  const files = emitAll(model, { sourceDir });
  // With --json, stdout carries the JSON alone: the summary and a --check diff go to stderr.
  // (Not `{ ...io }`: spreading would call the `color` getter, which asks whether stderr is a terminal.)
  const textIo: CliIo = args.json ? { cwd: io.cwd, stdout: io.stderr, stderr: io.stderr } : io;
  const wait: LockWait = { limitMs: args.waitMs, onWait: (who) => io.stderr(`gen-nix: waiting for ${who} to finish writing the flake\n`) };
  return args.check ? check(outDir, files, wait, textIo) : write(outDir, files, wait, textIo);
}

/** Warnings located in the config (which loads ts-morph, so only when there are any). */
function reportWarnings(warnings: readonly dsl.Diagnostic[], configFile: string, json: boolean, io: CliIo): void {
  if (warnings.length === 0 && !json) return;
  const file = { absolute: configFile, shown: displayPath(configFile, io.cwd) };
  const located = locateDiagnostics(warnings, "warning", file);
  if (json) io.stdout(reportsJson([], located));
  else io.stderr(formatReports(located, io.color ? ANSI : PLAIN));
}

/** What a run says on stderr about an earlier run it found stopped half-way. */
const RECOVERY_NOTES = {
  none: undefined,
  cleaned: "deleted what an earlier run left (staged or temp files, its lock) when it was stopped before it changed anything",
  completed: "completed an earlier run that was stopped half-way",
  "rolled-back":
    "an earlier run was stopped half-way and its staged files are gone; its remaining changes were dropped and the tree regenerated",
} as const;

function write(outDir: string, files: readonly GeneratedFile[], wait: LockWait, io: CliIo): number {
  const { written, unchanged, removed, recovered } = writeFiles(outDir, files, wait);
  const note = RECOVERY_NOTES[recovered];
  if (note !== undefined) io.stderr(`gen-nix: ${note}\n`);
  return print(io, `gen-nix: ${written} written, ${unchanged} unchanged, ${removed} removed\n`);
}

/** The diff goes to stdout alone, so `gen-nix --check > drift.patch` yields a clean patch. */
function check(outDir: string, files: readonly GeneratedFile[], wait: LockWait, io: CliIo): number {
  const { diff, toWrite, toRemove, edited, interrupted } = checkFiles(outDir, files, wait);
  if (interrupted === "journal") {
    const half = "the flake may be half updated; run gen-nix to complete it";
    io.stderr(`gen-nix: an interrupted run left ${JOURNAL_NAME}: ${half}\n`);
    return 1;
  }
  if (diff === "" && interrupted === undefined) {
    io.stderr("gen-nix: up to date\n");
    return 0;
  }
  io.stdout(diff);
  if (interrupted === "leftovers") {
    const what = `staged or temp files or its lock (${STAGING_NAME}/, *.gen-nix-tmp-*, ${LOCK_NAME})`;
    io.stderr(`gen-nix: an interrupted run left ${what}; run gen-nix to delete them\n`);
  }
  const byHand = edited > 0 ? `, ${edited} of them edited by hand since gen-nix wrote them` : "";
  io.stderr(`gen-nix: out of date (${toWrite} to write${byHand}, ${toRemove} to remove); run gen-nix to update\n`);
  return 1;
}

/**
 * The config's directory relative to the flake root (posix), which the emitters need to point at
 * files next to the config: "" when they are the same, "../infra" when the flake is elsewhere.
 */
function sourceDirOf(configFile: string, outDir: string, model: dsl.Model): string {
  const rel = relative(outDir, dirname(configFile)).split(sep).join("/");
  if (!contains(outDir, dirname(configFile)) && referencesFiles(model)) {
    // A flake cannot import files outside its root, so such a flake would not evaluate.
    throw new UsageError(
      `--out ${displayPath(outDir)} must contain ${displayPath(dirname(configFile))}: the config refers to files next to it (modules or path packages), and a flake cannot reach outside its own directory`,
    );
  }
  return rel;
}

/** Whether the config names files relative to itself (extra modules, path packages). */
const referencesFiles = (model: dsl.Model): boolean =>
  model.hosts.some((h) => h.extraModules.length > 0 || h.apps.some((a) => a.package.kind === "path"));

function print(io: CliIo, text: string): number {
  io.stdout(text);
  return 0;
}
