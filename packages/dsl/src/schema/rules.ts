// Shared building blocks for the schemas: coded issues, name rules and path strings.
// Checks are refinements (not key schemas) because zod keeps going after a failed refinement,
// so one parse reports every problem instead of stopping at the first bad key.
import * as z from "zod";
import { relativePathProblem } from "../paths.ts";
import { quote } from "../quote.ts";

/** What a problem is about besides its message; carried into the Diagnostic. */
export interface FlagDetails {
  /** The key at the end of `path` is wrong (a name, a domain), not its value. */
  key?: true;
  /** The likely intended value. */
  suggestion?: string;
}

/**
 * Reports a problem with a gen-nix code; `resolveInfra` turns `params.code` into `Diagnostic.code`
 * (and `params.key`/`params.suggestion` into the same fields). `path` is relative to the value
 * being refined.
 */
export function flag(
  ctx: z.RefinementCtx,
  path: (string | number)[],
  code: string,
  message: string,
  details: FlagDetails = {},
): void {
  ctx.addIssue({ code: "custom", path, message, params: { code, ...details } });
}

export interface NameRule {
  /** What the name names, for messages: "host", "app", … */
  what: string;
  pattern: RegExp;
  /** Human description of `pattern` */
  hint: string;
}

/** Host names are DNS labels (networking.hostName). */
export const HOST_NAME: NameRule = {
  what: "host",
  pattern: /^[a-z][a-z0-9-]{0,62}$/,
  hint: "a lowercase letter followed by up to 62 lowercase letters, digits or '-'",
};

/** Unix user/group names that are also PostgreSQL role names, which are limited to 63 bytes. */
export function unixName(what: string): NameRule {
  const hint = "a lowercase letter or '_' followed by lowercase letters, digits, '_' or '-', at most 63 characters";
  return { what, pattern: /^[a-z_][a-z0-9_-]{0,62}$/, hint };
}

/** Flake input names become Nix attribute names in `inputs`. */
export const INPUT_NAME: NameRule = {
  what: "input",
  pattern: /^[A-Za-z][A-Za-z0-9_-]*$/,
  hint: "a letter followed by letters, digits, '_' or '-'",
};

/** Environment variable names systemd accepts without surprises. */
export const ENV_NAME: NameRule = {
  what: "environment variable",
  pattern: /^[A-Za-z_][A-Za-z0-9_]*$/,
  hint: "letters, digits or '_', not starting with a digit",
};

/** Flags a name that breaks `rule`; `path` locates it. */
export function checkName(ctx: z.RefinementCtx, path: (string | number)[], name: string, rule: NameRule): void {
  if (rule.pattern.test(name)) return;
  flag(ctx, path, "invalid_name", `${rule.what} name ${quote(name)} must be ${rule.hint}`, { key: true });
}

/**
 * For refinements that read only a record's keys: zod skips ordinary refinements once a value
 * failed, but keys are sound whenever the record is an object, so these run anyway.
 */
export const KEYS_ONLY: z.core.$ZodSuperRefineParams = {
  when: ({ value }) => typeof value === "object" && value !== null && !Array.isArray(value),
};

/**
 * An object of any string keys, each value parsed by `value`. Where the keys need no schema of
 * their own, zod's object with a catch-all parses it in about half the time of `z.record`, which
 * runs a key schema, and a number pattern, on every key.
 */
export const stringRecord = <T extends z.ZodType>(value: T) => z.object({}).catchall(value);

/** Keys a record must not use, because gen-nix uses them itself. */
export interface ReservedKeys {
  readonly keys: readonly string[];
  readonly code: string;
  readonly message: (key: string) => string;
}

/** A record whose keys are names following `rule`, none of them `reserved`. */
export function namedRecord<T extends z.ZodType>(value: T, rule: NameRule, reserved?: ReservedKeys) {
  return stringRecord(value).superRefine((record, ctx) => {
    for (const key of Object.keys(record)) {
      checkName(ctx, [key], key, rule);
      if (reserved?.keys.includes(key)) flag(ctx, [key], reserved.code, reserved.message(key), { key: true });
    }
  }, KEYS_ONLY);
}

/** Whitespace and control characters: they split or end lines in systemd units and Caddyfiles. */
const SPLITS_LINES = /[\s\p{Cc}]/u;

/**
 * A path on the host, which must be absolute because services do not run in the config's
 * directory, and free of whitespace and control characters, which would split the line it lands
 * on in a systemd unit (`ReadWritePaths=`) or a Caddyfile (`root *`).
 */
export function absolutePath() {
  return z.string().superRefine((path, ctx) => {
    if (!path.startsWith("/")) flag(ctx, [], "not_absolute", `${quote(path)} must be an absolute path on the host, e.g. /var/lib/app`);
    else if (SPLITS_LINES.test(path)) flag(ctx, [], "invalid_path", `${quote(path)} must not contain spaces or control characters`);
  });
}

/** A path relative to the config file's directory (see paths.ts). */
export function relativePath() {
  return z.string().superRefine((path, ctx) => {
    const problem = relativePathProblem(path);
    if (problem) flag(ctx, [], "invalid_path", problem);
  });
}
