// What mapping one service needs to know about the whole file, and the small readers every
// mapper shares: they turn compose values into strings, reporting what cannot be carried over.
import { posix } from "node:path";
import type { ComposePath, Report } from "./report.ts";
import { interpolatedVariables, scalarText, unescapeDollars } from "./values.ts";

export interface StackContext {
  readonly report: Report;
  /** Compose project name = stack name */
  readonly project: string;
  /** The stack directory (absolute): env files and `./` paths resolve against it */
  readonly directory: string;
  /** Service key → container name (the service's `container_name`, else its key) */
  readonly containers: ReadonlyMap<string, string>;
  /** Compose network key → stack network name ("default" → the stack's default network) */
  readonly networks: ReadonlyMap<string, string>;
  /** The network a container joins when it names none */
  readonly defaultNetwork: string;
  /** Set when a path relative to the compose file was kept relative (to the stack directory) */
  relativePaths: boolean;
}

/** A scalar as a string; `$$` unescaped; interpolation reported since it is not evaluated. */
export function text(ctx: StackContext, path: ComposePath, value: unknown): string | undefined {
  const raw = scalarText(value);
  if (raw === undefined) {
    ctx.report.unmapped(path, `expected a string, got ${describe(value)}`);
    return undefined;
  }
  const variables = interpolatedVariables(raw);
  if (variables.length > 0) {
    ctx.report.unmapped(path, `interpolates ${variables.map((v) => `$${v}`).join(", ")}, which gen-nix does not evaluate (nor .env): write the value itself`);
  }
  return unescapeDollars(raw);
}

/** A string or a list of strings, as a list. */
export function textList(ctx: StackContext, path: ComposePath, value: unknown): string[] {
  if (value === null || value === undefined) return [];
  if (!Array.isArray(value)) {
    const one = text(ctx, path, value);
    return one === undefined ? [] : [one];
  }
  return value.flatMap((item, i) => text(ctx, [...path, i], item) ?? []);
}

/** A path relative to the compose file becomes a path under the stack directory. */
export function underDirectory(ctx: StackContext, path: string): string {
  if (path.startsWith("/")) return path;
  ctx.relativePaths = true;
  return posix.normalize(posix.join(ctx.directory, path));
}

export function describe(value: unknown): string {
  if (value === null || value === undefined) return "nothing";
  if (Array.isArray(value)) return "a list";
  return typeof value === "object" ? "a mapping" : `${typeof value} ${JSON.stringify(value)}`;
}

/** Reports each key of `object` that is not in `known` (a long-syntax option gen-nix lacks). */
export function reportExtraKeys(ctx: StackContext, path: ComposePath, object: Record<string, unknown>, known: readonly string[], what: string): void {
  for (const key of Object.keys(object)) {
    if (!known.includes(key)) ctx.report.unmapped([...path, key], `${what} option "${key}" is not supported; left out`);
  }
}
