/**
 * fast-check arbitraries for random but valid Nix ASTs, built only through `n.*`. Used by the
 * printer property tests and by `scripts/nixfmt-fuzz.ts`, which compares the printer with the
 * real nixfmt. Every generated file must parse (`nix-instantiate --parse`): identifiers are never
 * keywords, attribute names are unique per set, formals are unique, `let` has no dynamic keys.
 */
import fc from "fast-check";
import { n } from "../src/ast/build.ts";
import { KEYWORDS } from "../src/ast/ident.ts";
import type { AttrKey, BinaryOperator, Binding, Expr, Formal, NixFile, Trivia } from "../src/ast/nodes.ts";

export interface ArbOptions {
  /** maximum nesting depth of expressions */
  depth?: number;
  /** generate `|>` and `<|` (Nix older than 2.24 cannot parse them) */
  pipes?: boolean;
  /** mostly identifiers of 10 to 40 characters, so that lines end near the 100-column limit */
  wide?: boolean;
}

const RESERVED = new Set([...KEYWORDS, "true", "false", "null"]);
const validIdent = (s: string): boolean => !RESERVED.has(s) && !s.startsWith("__");

const shortIdent = fc.constantFrom("a", "b", "x", "f", "pkgs", "lib", "config", "foo-bar", "x'", "_under", "a1", "mkIf", "self");
const randomIdent = fc.stringMatching(/^[a-z_][a-zA-Z0-9_'-]{0,8}$/).filter(validIdent);
/** Long enough to push lines past the 100-column limit when a few are combined. */
const longIdent = fc.stringMatching(/^[a-z][a-zA-Z0-9_]{18,44}$/).filter(validIdent);

export const identName: fc.Arbitrary<string> = fc.oneof({ weight: 6, arbitrary: shortIdent }, { weight: 2, arbitrary: randomIdent }, { weight: 2, arbitrary: longIdent });

/** Attribute names that must be quoted, plus bare ones. */
const quotedKey = fc.constantFrom("a.b", "if", "or", "inherit", "in", "1abc", "", "with space", "${x}", 'q"uote', "back\\slash", "tab\there", "new\nline", "dollar$", "$${y}", "ü", "true", "-lead");
export const keyName: fc.Arbitrary<string> = fc.oneof({ weight: 5, arbitrary: identName }, { weight: 2, arbitrary: quotedKey });

/** Text meant to break escaping: `${`, `''`, `'''`, `\`, `"`, `$`, `$$`, tabs, newlines, CR, unicode. */
const hostileFragment = fc.constantFrom(
  "${", "''", "'''", "'", "\\", '"', "$", "$$", "$${", "\t", "\n", "\r", "\r\n", "  ", " ", "\n\n", "ü", "日本", "🙂", "e\u0301",
  "''${", "\\${", "''\\n", "#", "/*", "*/", ";", "}", "{",
);
const wordFragment = fc.stringMatching(/^[a-zA-Z0-9 .,:/_-]{1,12}$/);
const longFragment = fc.stringMatching(/^[a-z ]{30,90}$/);
export const textArb: fc.Arbitrary<string> = fc
  .array(fc.oneof({ weight: 4, arbitrary: hostileFragment }, { weight: 4, arbitrary: wordFragment }, { weight: 1, arbitrary: longFragment }), { maxLength: 6 })
  .map((xs) => xs.join(""));

/** Multi-line text in the shape of a shell script or config file, most often printed as `''`. */
const linesText = fc
  .array(fc.tuple(fc.constantFrom("", "", "  ", "    ", "\t"), fc.oneof(wordFragment, hostileFragment, fc.constant(""))), { minLength: 1, maxLength: 5 })
  .map((ls) => ls.map(([indent, body]) => indent + body).join("\n") + "\n");

const commentText = fc.oneof(
  fc.constant(""),
  wordFragment,
  fc.constantFrom("TODO: fix", "#", "  indented", "a ''string'' ${x}", "/* not a block */", "ü 🙂", "trailing space "),
  longFragment,
);

export const triviaArb: fc.Arbitrary<Trivia> = fc.oneof(
  { weight: 6, arbitrary: fc.constant({}) },
  { weight: 2, arbitrary: fc.record({ blankBefore: fc.constant(true) }) },
  { weight: 2, arbitrary: fc.record({ comments: fc.array(commentText, { minLength: 1, maxLength: 2 }), blankBefore: fc.boolean() }) },
);

const int = fc.oneof(fc.integer({ min: -20, max: 200 }), fc.bigInt({ min: -(2n ** 62n), max: 2n ** 62n })).map((v) => n.int(v));
const float = fc.oneof(
  fc.constantFrom(0.5, 1.25, -3.5, 1e21, 1e-7, 123456.789, 0.1),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
)
  // Nix rejects subnormal literals ("invalid float").
  .filter((v) => v === 0 || Math.abs(v) >= 2.2250738585072014e-308)
  .map((v) => n.float(v));
const pathSegment = fc.stringMatching(/^[a-zA-Z0-9._+-]{1,8}$/).filter((s) => s !== "." && s !== "..");
const path = fc
  .tuple(fc.constantFrom("./", "../", "/", "~/", "", "./../"), fc.array(pathSegment, { minLength: 1, maxLength: 3 }))
  .filter(([pre, segs]) => pre !== "" || (segs.length >= 2 && /^[a-z]/.test(segs[0]!)))
  .map(([pre, segs]) => n.path(pre + segs.join("/")));
const searchPath = fc.constantFrom("nixpkgs", "nixpkgs/lib", "a-b.c/d_e", "nixos-config").map((p) => n.searchPath(p));
const wideIdent = fc.stringMatching(/^[a-z][a-zA-Z0-9_]{9,39}$/).filter(validIdent);
const leafWith = (ident: fc.Arbitrary<string>): fc.Arbitrary<Expr> => fc.oneof(
  { weight: 8, arbitrary: ident.map((x) => n.ident(x)) },
  { weight: 2, arbitrary: int },
  { weight: 1, arbitrary: float },
  { weight: 1, arbitrary: fc.boolean().map((b) => n.bool(b)) },
  { weight: 1, arbitrary: fc.constant(n.null()) },
  { weight: 1, arbitrary: path },
  { weight: 1, arbitrary: searchPath },
);

const OPS: BinaryOperator[] = ["++", "//", "+", "-", "*", "/", "==", "!=", "<", ">", "<=", ">=", "&&", "||", "->"];

/** Keeps the first binding per top-level name (Nix rejects duplicates while parsing). */
function uniqueBindings(bindings: Binding[]): Binding[] {
  const seen = new Set<string>();
  const out: Binding[] = [];
  for (const b of bindings) {
    if (b.kind === "Inherit") {
      const names = [...new Set(b.names)].filter((x) => !seen.has(x));
      if (names.length === 0) continue;
      names.forEach((x) => seen.add(x));
      out.push(n.inherit(names, b.from, { ...(b.comments ? { comments: b.comments } : {}), ...(b.blankBefore ? { blankBefore: true } : {}) }));
      continue;
    }
    const head = b.path[0]!;
    if (typeof head === "string") {
      if (seen.has(head)) continue;
      seen.add(head);
    }
    out.push(b);
  }
  return out;
}

function uniqueFormals(formals: Formal[], bind?: string): Formal[] {
  const seen = new Set<string>(bind === undefined ? [] : [bind]);
  return formals.filter((f) => !seen.has(f.name) && (seen.add(f.name), true));
}

/** Random expressions of at most `depth` levels. */
export function exprArb(opts: ArbOptions = {}): fc.Arbitrary<Expr> {
  const ops = opts.pipes ? [...OPS, "|>", "<|"] as BinaryOperator[] : OPS;
  const leaf = opts.wide ? leafWith(fc.oneof(wideIdent, identName)) : leafWith(identName);
  const expr: fc.Memo<Expr> = fc.memo((d) => {
    if (d <= 1) return leaf;
    const sub = expr(d - 1);
    const subs = (max: number, min = 0) => fc.array(sub, { minLength: min, maxLength: max });
    // Interpolated keys: never a constant string (Nix would read it as a static, possibly duplicate, name).
    const interpKey = fc.oneof(identName.map((x) => n.ident(x)), sub.filter((e) => e.kind !== "Str" && e.kind !== "IndentedStr")).map((e) => n.interp(e));
    const attrKey: fc.Arbitrary<AttrKey> = fc.oneof({ weight: 8, arbitrary: keyName }, { weight: 1, arbitrary: interpKey });
    const attrPath = (dynamic: boolean) => fc.array(dynamic ? attrKey : keyName, { minLength: 1, maxLength: 5 });
    const parts = fc.array(fc.oneof({ weight: 3, arbitrary: textArb }, { weight: 1, arbitrary: sub }), { maxLength: 4 });
    const binding = (dynamic: boolean): fc.Arbitrary<Binding> =>
      fc.oneof(
        { weight: 5, arbitrary: fc.tuple(attrPath(dynamic), sub, triviaArb).map(([p, v, t]) => n.assign(p, v, t)) },
        {
          weight: 1,
          arbitrary: fc
            .tuple(fc.array(identName, { minLength: 1, maxLength: 6 }), fc.option(sub, { nil: undefined }), triviaArb)
            .map(([names, from, t]) => n.inherit(names, from, t)),
        },
      );
    const bindings = (dynamic: boolean) => fc.array(binding(dynamic), { maxLength: 7, size: "small" }).map(uniqueBindings);
    const formal: fc.Arbitrary<Formal> = fc.record({ name: identName, default: fc.option(sub, { nil: undefined, freq: 3 }) }).map((f) => (f.default ? f : { name: f.name }));
    const formals = fc
      .tuple(fc.array(formal, { maxLength: 5 }), fc.boolean(), fc.option(fc.tuple(identName, fc.constantFrom("before", "after" as const)), { nil: undefined, freq: 4 }))
      .map(([fs, ellipsis, bind]) =>
        n.formals(uniqueFormals(fs, bind?.[0]), { ellipsis, ...(bind ? { bind: { name: bind[0], position: bind[1] } } : {}) }),
      );
    const param = fc.oneof(identName.map((x) => n.ident(x)), formals);
    return fc.oneof(
      { weight: 6, arbitrary: leaf },
      { weight: 2, arbitrary: parts.map((ps) => n.str(...ps)) },
      { weight: 1, arbitrary: fc.tuple(linesText, parts).map(([t, ps]) => n.lines(t, ...ps)) },
      { weight: 2, arbitrary: fc.oneof(parts, fc.tuple(linesText, parts).map(([t, ps]) => [t, ...ps])).map((ps) => n.text(...ps)) },
      { weight: 3, arbitrary: fc.array(fc.tuple(sub, triviaArb), { maxLength: 7, size: "small" }).map((xs) => n.list(xs.map(([v, t]) => n.item(v, t)))) },
      { weight: 4, arbitrary: fc.tuple(fc.boolean(), bindings(true)).map(([rec, bs]) => (rec ? n.rec(bs) : n.set(bs))) },
      { weight: 1, arbitrary: fc.tuple(bindings(false), sub).map(([bs, body]) => n.let(bs, body)) },
      { weight: 1, arbitrary: fc.tuple(sub, sub).map(([s, b]) => n.with(s, b)) },
      { weight: 1, arbitrary: fc.tuple(sub, sub, sub).map(([c, t, e]) => n.if(c, t, e)) },
      { weight: 1, arbitrary: fc.tuple(sub, sub).map(([c, b]) => n.assert(c, b)) },
      {
        weight: 2,
        arbitrary: fc.tuple(param, sub, fc.option(triviaArb, { nil: undefined, freq: 3 })).map(([p, b, t]) => n.lambda(p, b, t)),
      },
      { weight: 3, arbitrary: fc.tuple(sub, subs(4, 1)).map(([f, args]) => n.apply(f, ...args)) },
      {
        weight: 2,
        arbitrary: fc.tuple(sub, fc.array(attrKey, { minLength: 1, maxLength: 3 }), fc.option(sub, { nil: undefined, freq: 3 })).map(([t, p, d]) => n.select(t, p, d)),
      },
      { weight: 1, arbitrary: fc.tuple(sub, fc.array(attrKey, { minLength: 1, maxLength: 3 })).map(([t, p]) => n.hasAttr(t, p)) },
      { weight: 3, arbitrary: fc.tuple(sub, fc.constantFrom(...ops), sub).map(([l, op, r]) => n.op(l, op, r)) },
      { weight: 1, arbitrary: sub.map((e) => n.not(e)) },
      { weight: 1, arbitrary: sub.map((e) => n.neg(e)) },
    );
  });
  return expr(opts.depth ?? 4);
}

/** A whole file: a few header comment lines, then an expression. */
export function fileArb(opts: ArbOptions = {}): fc.Arbitrary<NixFile> {
  return fc.tuple(fc.array(commentText, { maxLength: 2 }), exprArb(opts)).map(([header, body]) => n.file(header, body));
}
