// Paths relative to the config file's directory (extra modules, `{ path }` packages). They become
// Nix path literals inside the flake, so they must stay inside it and use posix separators.
import { posix } from "node:path";

/** Why `path` is not a usable config-relative path, or undefined when it is. */
export function relativePathProblem(path: string): string | undefined {
  if (path.trim() === "") return "path is empty";
  if (path.startsWith("/")) return `"${path}" must be relative to the config file's directory`;
  const normal = posix.normalize(path);
  if (normal === ".." || normal.startsWith("../")) return `"${path}" leads outside the config file's directory`;
  return undefined;
}

/** `./apps/myapp/` → `apps/myapp`; assumes `relativePathProblem(path)` found nothing. */
export function normaliseRelative(path: string): string {
  const normal = posix.normalize(path);
  return normal.length > 1 && normal.endsWith("/") ? normal.slice(0, -1) : normal;
}
