// Converts zod issues into gen-nix Diagnostics so every problem prints the same way. zod's own
// messages ("Invalid input: expected string, received undefined") become ones that say what to
// write instead; messages a schema set itself are kept.
import type { z } from "zod";
import type { Diagnostic } from "../model.ts";
import { quote } from "../quote.ts";
import { closestName } from "../suggest.ts";

type Issue = z.core.$ZodIssue;
type Path = (string | number)[];
/** The keys an object at a config path may have (see schema-keys.ts). */
export type KeysAt = (path: Path) => string[];

function toPath(base: Path, path: readonly PropertyKey[]): Path {
  return [...base, ...path.map((key) => (typeof key === "number" ? key : String(key)))];
}

/** Our refinements carry their code, `key` and `suggestion` in `params` (see schema/rules.ts `flag`). */
function fromCustom(issue: Extract<Issue, { code: "custom" }>, path: Path): Diagnostic {
  const params = issue.params ?? {};
  const code = typeof params.code === "string" ? params.code : "custom";
  const d: Diagnostic = { path, code, message: issue.message };
  if (params.key === true) d.key = true;
  if (typeof params.suggestion === "string") d.suggestion = params.suggestion;
  return d;
}

/** A branch "fits" when the value passed its type gate, i.e. it failed only on details. */
function fits(branch: Issue[]): boolean {
  return !branch.some((issue) => issue.code === "invalid_type" && issue.path.length === 0);
}

/**
 * zod reports a failed union as "Invalid input" with every branch's issues. When exactly one
 * branch fits best, its issues say what to fix; otherwise the union's own message does.
 */
function fromUnion(issue: Extract<Issue, { code: "invalid_union" }>, path: Path, keysAt: KeysAt): Diagnostic[] {
  const candidates = issue.errors.filter(fits);
  const fewest = Math.min(...candidates.map((branch) => branch.length));
  const best = candidates.filter((branch) => branch.length === fewest);
  if (best.length === 1 && best[0]) return best[0].flatMap((inner) => toDiagnostics(inner, path, keysAt));
  return [{ path, code: issue.code, message: issue.message }];
}

const EXPECTED: Readonly<Record<string, string>> = {
  string: "a string",
  number: "a number",
  int: "an integer",
  boolean: "true or false",
  object: "an object { … }",
  array: "a list [ … ]",
  record: "an object { … }",
};

/** A value the user wrote, for "got …": short, and never the value itself when it is big. */
export function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  switch (typeof value) {
    case "string":
      return `the string ${quote(value)}`;
    case "number":
    case "boolean":
    case "bigint":
      return String(value);
    case "function":
      return "a function (call it, or pass what it returns)";
    case "object":
      return value instanceof Promise ? "a Promise (the config cannot be async)" : "an object";
    default:
      return typeof value;
  }
}

function fromInvalidType(issue: Extract<Issue, { code: "invalid_type" }>, path: Path): Diagnostic {
  const expected = EXPECTED[issue.expected] ?? issue.expected;
  const name = path.at(-1);
  const message =
    issue.input === undefined && typeof name === "string"
      ? `missing required field ${quote(name)}: add ${name}: <${expected}>`
      : `expected ${expected}, got ${describeValue(issue.input)}`;
  return { path, code: issue.code, message };
}

function fromInvalidValue(issue: Extract<Issue, { code: "invalid_value" }>, path: Path): Diagnostic {
  const allowed = issue.values.map((v) => (typeof v === "string" ? quote(v) : String(v))).join(", ");
  const d: Diagnostic = { path, code: issue.code, message: `must be one of ${allowed}; got ${describeValue(issue.input)}` };
  const strings = issue.values.filter((v): v is string => typeof v === "string");
  const suggestion = typeof issue.input === "string" ? closestName(issue.input, strings) : undefined;
  if (suggestion !== undefined) d.suggestion = suggestion;
  return d;
}

/** zod's default "Too small: expected number to be >=1" as "must be at least 1, got 0". */
function sizeMessage(issue: Extract<Issue, { code: "too_small" | "too_big" }>): string {
  const small = issue.code === "too_small";
  const bound = Number(small ? issue.minimum : issue.maximum);
  const exclusive = issue.inclusive === false;
  const limit = `${small ? "at least" : "at most"} ${exclusive ? (small ? bound + 1 : bound - 1) : bound}`;
  switch (issue.origin) {
    case "number":
    case "int":
      return `must be ${limit}, got ${describeValue(issue.input)}`;
    case "string":
      return `must be ${limit} characters long`;
    case "array":
      return `must have ${limit} items`;
    default:
      return issue.message;
  }
}

function fromUnknownKey(path: Path, key: string, keysAt: KeysAt): Diagnostic {
  const keys = keysAt(path);
  const suggestion = closestName(key, keys);
  if (suggestion !== undefined) return { path: [...path, key], code: "unrecognized_keys", message: `unknown key ${quote(key)}`, suggestion, key: true };
  const known = keys.length > 0 ? `; known keys here: ${keys.join(", ")}` : "";
  return { path: [...path, key], code: "unrecognized_keys", message: `unknown key ${quote(key)}${known}`, key: true };
}

/** zod's own messages begin with a capital ("Invalid input", "Too small"); ours never do. */
const isZodDefault = (message: string): boolean => /^(Invalid|Too (small|big))\b/.test(message);

/** One zod issue → one or more Diagnostics, `base` prefixing the path (for nested union issues). */
export function toDiagnostics(issue: Issue, base: Path = [], keysAt: KeysAt = () => []): Diagnostic[] {
  const path = toPath(base, issue.path);
  switch (issue.code) {
    case "custom":
      return [fromCustom(issue, path)];
    case "unrecognized_keys":
      // One per key, pointing at the key itself, reads better than zod's list on the parent.
      return issue.keys.map((key) => fromUnknownKey(path, key, keysAt));
    case "invalid_union":
      return fromUnion(issue, path, keysAt);
    case "invalid_type":
      return [fromInvalidType(issue, path)];
    case "invalid_value":
      return [fromInvalidValue(issue, path)];
    case "too_small":
    case "too_big":
      return [{ path, code: issue.code, message: isZodDefault(issue.message) ? sizeMessage(issue) : issue.message }];
    case "invalid_format":
      if (issue.format === "email" && isZodDefault(issue.message)) {
        return [{ path, code: issue.code, message: `${describeValue(issue.input)} is not an email address` }];
      }
      return [{ path, code: issue.code, message: issue.message }];
    default:
      return [{ path, code: issue.code, message: issue.message }];
  }
}
