// Converts zod issues into gen-nix Diagnostics so every problem prints the same way.
import type { z } from "zod";
import type { Diagnostic } from "../model.ts";

type Issue = z.core.$ZodIssue;
type Path = (string | number)[];

function toPath(base: Path, path: readonly PropertyKey[]): Path {
  return [...base, ...path.map((key) => (typeof key === "number" ? key : String(key)))];
}

/** Our refinements carry their code in `params.code` (see schema/rules.ts `flag`). */
function customCode(params: Record<string, unknown> | undefined): string {
  return typeof params?.code === "string" ? params.code : "custom";
}

/** A branch "fits" when the value passed its type gate, i.e. it failed only on details. */
function fits(branch: Issue[]): boolean {
  return !branch.some((issue) => issue.code === "invalid_type" && issue.path.length === 0);
}

/**
 * zod reports a failed union as "Invalid input" with every branch's issues. When exactly one
 * branch fits best, its issues say what to fix; otherwise the union's own message does.
 */
function fromUnion(issue: Extract<Issue, { code: "invalid_union" }>, path: Path): Diagnostic[] {
  const candidates = issue.errors.filter(fits);
  const fewest = Math.min(...candidates.map((branch) => branch.length));
  const best = candidates.filter((branch) => branch.length === fewest);
  if (best.length === 1 && best[0]) return best[0].flatMap((inner) => toDiagnostics(inner, path));
  return [{ path, code: issue.code, message: issue.message }];
}

/** One zod issue → one or more Diagnostics, `base` prefixing the path (for nested union issues). */
export function toDiagnostics(issue: Issue, base: Path = []): Diagnostic[] {
  const path = toPath(base, issue.path);
  switch (issue.code) {
    case "custom":
      return [{ path, code: customCode(issue.params), message: issue.message }];
    case "unrecognized_keys":
      // One per key, pointing at the key itself, reads better than zod's list on the parent.
      return issue.keys.map((key) => ({ path: [...path, key], code: issue.code, message: `unknown key "${key}"` }));
    case "invalid_union":
      return fromUnion(issue, path);
    default:
      return [{ path, code: issue.code, message: issue.message }];
  }
}
