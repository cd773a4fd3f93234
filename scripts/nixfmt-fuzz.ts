/**
 * Dev tool: differential fuzzing of the emit-nix printer against the real nixfmt.
 *
 *   npx tsx scripts/nixfmt-fuzz.ts [count] [seed] [--shrink K] [--depth D] [--wide]
 *
 * Prints `count` random files (test/arbitrary.ts) with `printFile`; every one must be a fixpoint
 * of `nixfmt -` and must parse with `nix-instantiate --parse` (files using `|>`/`<|` skip that
 * check: the installed Nix predates pipe operators). Reports the figures, then up to K minimal
 * counterexamples found by fast-check's shrinking, each with its AST, our output and a unified
 * diff against nixfmt's. Needs `nixfmt` and `nix-instantiate` on PATH; the test suite never runs it.
 */
import { spawnSync } from "node:child_process";
import fc from "fast-check";
import { createTwoFilesPatch } from "diff";
import { printFile } from "../packages/emit-nix/src/index.ts";
import type { AttrKey, Binding, Expr, NixFile, Trivia } from "../packages/emit-nix/src/ast/nodes.ts";
import { fileArb } from "../packages/emit-nix/test/arbitrary.ts";

type Problem = { kind: "crash" | "nixfmt-error" | "mismatch" | "parse-error"; out: string; detail: string };

const args = process.argv.slice(2);
const flag = (name: string, def: number): number => {
  const i = args.indexOf(name);
  if (i < 0) return def;
  const v = Number(args[i + 1]);
  args.splice(i, 2);
  return v;
};
const shrinkCount = flag("--shrink", 3);
const depth = flag("--depth", 4);
const wide = args.includes("--wide") ? (args.splice(args.indexOf("--wide"), 1), true) : false;
const count = Number(args[0] ?? 1000);
const seed = Number(args[1] ?? Math.floor(Math.random() * 2 ** 31));

const usesPipes = (s: string): boolean => s.includes("|>") || s.includes("<|");

/** Checks one file; null when our output is a nixfmt fixpoint that Nix parses. */
function check(file: NixFile): Problem | null {
  let out: string;
  try {
    out = printFile(file);
  } catch (e) {
    return { kind: "crash", out: "", detail: String((e as Error).stack ?? e) };
  }
  const fmt = spawnSync("nixfmt", ["-"], { input: out, encoding: "utf8" });
  if (fmt.status !== 0) return { kind: "nixfmt-error", out, detail: fmt.stderr };
  if (fmt.stdout !== out) return { kind: "mismatch", out, detail: createTwoFilesPatch("ours", "nixfmt", out, fmt.stdout, "", "", { context: 3 }) };
  if (!usesPipes(out)) {
    const parse = spawnSync("nix-instantiate", ["--parse", "-"], { input: out, encoding: "utf8" });
    // Nix 2.8 resolves variables while parsing; an unbound name is not a syntax problem.
    if (parse.status !== 0 && !/error: undefined variable/.test(parse.stderr)) return { kind: "parse-error", out, detail: parse.stderr };
  }
  return null;
}

// Short AST rendering for reports.
const q = (s: string): string => JSON.stringify(s);
const key = (k: AttrKey): string => (typeof k === "string" ? q(k) : `\${${show(k.interp)}}`);
const triv = (t: Trivia | undefined): string =>
  t === undefined || (!t.blankBefore && !t.comments?.length) ? "" : `[${t.blankBefore ? "blank " : ""}${(t.comments ?? []).map((c) => `#${q(c)}`).join(" ")}] `;
const parts = (ps: readonly (string | Expr)[]): string => ps.map((p) => (typeof p === "string" ? q(p) : `\${${show(p)}}`)).join(" ");
const bind = (b: Binding): string =>
  triv(b) + (b.kind === "Inherit" ? `inherit${b.from ? ` (${show(b.from)})` : ""} ${b.names.join(" ")}` : `${b.path.map(key).join(".")} = ${show(b.value)}`);
function show(e: Expr): string {
  switch (e.kind) {
    case "Ident": return e.name;
    case "Int": return `${e.value}n`;
    case "Float": return `${e.value}f`;
    case "Bool": return String(e.value);
    case "Null": return "null";
    case "Path": return `path(${e.path})`;
    case "SearchPath": return `<${e.path}>`;
    case "Str": return `str(${parts(e.parts)})`;
    case "IndentedStr": return `lines(${parts(e.parts)})`;
    case "List": return `[${e.items.map((i) => triv(i) + show(i.value)).join(", ")}]`;
    case "AttrSet": return `${e.rec ? "rec" : ""}{${e.bindings.map(bind).join("; ")}}`;
    case "Let": return `let(${e.bindings.map(bind).join("; ")}; in ${show(e.body)})`;
    case "With": return `with(${show(e.scope)}; ${show(e.body)})`;
    case "If": return `if(${show(e.cond)}, ${show(e.then)}, ${show(e.else)})`;
    case "Assert": return `assert(${show(e.cond)}; ${show(e.body)})`;
    case "Lambda": {
      const p = e.param;
      const ps = p.kind === "Ident" ? p.name : `{${p.formals.map((f) => (f.default ? `${f.name} ? ${show(f.default)}` : f.name)).join(", ")}${p.ellipsis ? ", ..." : ""}}${p.bind ? `@${p.bind.position}:${p.bind.name}` : ""}`;
      return `λ(${ps}: ${triv(e.bodyTrivia)}${show(e.body)})`;
    }
    case "Apply": return `app(${[e.fn, ...e.args].map(show).join(", ")})`;
    case "Select": return `sel(${show(e.target)}.${e.path.map(key).join(".")}${e.orDefault ? ` or ${show(e.orDefault)}` : ""})`;
    case "HasAttr": return `has(${show(e.target)} ? ${e.path.map(key).join(".")})`;
    case "BinOp": return `(${show(e.left)} ${e.op} ${show(e.right)})`;
    case "Not": return `!(${show(e.expr)})`;
    case "Neg": return `-(${show(e.expr)})`;
  }
}
const showFile = (f: NixFile): string => `${f.header.length ? `header ${f.header.map(q).join(" ")}\n` : ""}${show(f.body)}`;

const arb = fileArb({ pipes: true, depth, wide });

// Phase 1: figures over `count` cases, without shrinking.
const tally: Record<string, number> = {};
let cases = 0;
const started = Date.now();
fc.check(
  fc.property(arb, (file) => {
    cases++;
    const p = check(file);
    if (p) tally[p.kind] = (tally[p.kind] ?? 0) + 1;
    return true;
  }),
  { numRuns: count, seed },
);
const failures = Object.values(tally).reduce((a, b) => a + b, 0);
console.log(`seed ${seed}: ${cases} cases, ${failures} failing ${JSON.stringify(tally)} in ${((Date.now() - started) / 1000).toFixed(1)}s`);

// Phase 2: minimal counterexamples, one per seed, deduplicated by output.
const seen = new Set<string>();
for (let i = 0; failures > 0 && i < shrinkCount; i++) {
  const result = fc.check(fc.property(arb, (file) => check(file) === null), { numRuns: count, seed: seed + i });
  if (!result.failed || result.counterexample === null) continue;
  const [file] = result.counterexample;
  const p = check(file)!;
  if (seen.has(p.out + p.kind)) continue;
  seen.add(p.out + p.kind);
  console.log(`\n=== ${p.kind} (seed ${seed + i}, path ${result.counterexamplePath}) ===`);
  console.log(`--- AST\n${showFile(file)}`);
  console.log(`--- ours\n${p.out}`);
  console.log(`--- ${p.kind === "mismatch" ? "diff" : "error"}\n${p.detail}`);
}
process.exitCode = failures > 0 ? 1 : 0;
