// Refuses secret values written into the config: everything gen-nix emits lands in the Nix store,
// which every user of the host (and every cache it is pushed to) can read. One walk over every
// string of the parsed config; secrets belong in files, named by secret.file(…)/secret.sops(…).
import type { Diagnostic } from "../model.ts";

type Path = (string | number)[];

/** Names of variables and labels that hold secrets by convention. */
const SECRET_NAME = /PASSWORD|PASSWD|PASSPHRASE|SECRET|TOKEN|API[_.-]?KEY|PRIVATE[_.-]?KEY|ACCESS[_.-]?KEY|CREDENTIAL|AUTH[_.-]?KEY/i;
/** …unless the value only says where the secret is (POSTGRES_PASSWORD_FILE=/run/secrets/pg). */
const POINTER_NAME = /(_FILE|_PATH|_DIR|_URL|_URI|_ENDPOINT)$/i;
/** A PEM private key block, of any key type. */
const PEM_PRIVATE_KEY = /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----/;
/** scheme://user:password@host; a password that is a placeholder (`{…}`, `$…`) is no literal. */
const URL_CREDENTIALS = /\b[a-z][a-z0-9+.-]*:\/\/[^\s/:@]+:([^\s/@]+)@/i;

/** Records whose keys name their values: app and container environments, container labels. */
const isNamedValues = (path: Path): boolean => {
  const key = path[path.length - 1];
  if (key !== "environment" && key !== "labels") return false;
  const owner = path[path.length - 3];
  return owner === "apps" || owner === "containers";
};

const HOW = 'put the value in a file on the host and refer to it with secret.file("/run/secrets/…") or secret.sops("name", { sopsFile: "./secrets/….yaml" })';

function literalProblem(text: string): string | undefined {
  // Most strings hold neither marker; the regular expressions run only on those that do.
  if (text.includes("PRIVATE KEY") && PEM_PRIVATE_KEY.test(text)) return "contains a PEM private key";
  const password = text.includes("://") ? URL_CREDENTIALS.exec(text)?.[1] : undefined;
  if (password !== undefined && !/[{$]/.test(password)) return "contains a URL with a password (scheme://user:password@host)";
  return undefined;
}

/** `path` is one stack, pushed and popped on the way down; a problem's path is a copy. */
function walk(value: unknown, path: Path, out: Diagnostic[]): void {
  if (typeof value === "string") {
    const problem = literalProblem(value);
    if (problem) out.push({ path: [...path], code: "secret_literal", message: `${problem}, which would be written to the world-readable Nix store; ${HOW}` });
  } else if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      path.push(i);
      walk(value[i], path, out);
      path.pop();
    }
  } else if (typeof value === "object" && value !== null) {
    const named = isNamedValues(path);
    // for…in over a plain object (zod's output) walks its own keys without an array of them.
    for (const key in value) {
      const item = (value as Record<string, unknown>)[key];
      path.push(key);
      if (named && typeof item === "string" && item !== "" && SECRET_NAME.test(key) && !POINTER_NAME.test(key)) {
        const message = `"${key}" looks like a secret, and its value would be written to the world-readable Nix store; ${HOW} (environmentFile / environmentFiles)`;
        out.push({ path: [...path], code: "secret_literal", message });
      } else {
        walk(item, path, out);
      }
      path.pop();
    }
  }
}

/** Every string of the config that carries a secret value. */
export function checkSecretLiterals(config: unknown): Diagnostic[] {
  const out: Diagnostic[] = [];
  walk(config, [], out);
  return out;
}
