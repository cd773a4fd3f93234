// Paths relative to the config file's directory (extra modules, `{ path }` packages). They become
// Nix path literals inside the flake, so they must stay inside it and use posix separators.
import { posix } from "node:path";
import { quote } from "./quote.ts";

/**
 * What a Nix path literal may hold (Nix's lexer: letters, digits, `._-+` and `/`). Anything else,
 * above all `${`, would be read as Nix code, so such a path is refused rather than written.
 */
const PATH_LITERAL = /^[A-Za-z0-9._+\-/]+$/;

/** Why `path` is not a usable config-relative path, or undefined when it is. */
export function relativePathProblem(path: string): string | undefined {
  if (path.trim() === "") return "path is empty";
  if (!PATH_LITERAL.test(path)) {
    return `${quote(path)} may only contain letters, digits, '.', '_', '-', '+' and '/' (it becomes a Nix path literal); rename the file`;
  }
  if (path.startsWith("/")) return `${quote(path)} must be relative to the config file's directory, e.g. ./hardware-configuration.nix`;
  const normal = posix.normalize(path);
  if (normal === ".." || normal.startsWith("../")) return `${quote(path)} leads outside the config file's directory; move the file next to the config`;
  return undefined;
}

/** `./apps/myapp/` → `apps/myapp`; assumes `relativePathProblem(path)` found nothing. */
export function normaliseRelative(path: string): string {
  const normal = posix.normalize(path);
  return normal.length > 1 && normal.endsWith("/") ? normal.slice(0, -1) : normal;
}
