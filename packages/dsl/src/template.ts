// Parses the `{package}` / `{pkgs.X}` placeholders of command lines and Caddy extraConfig.
// The schema uses the problems to validate; the resolver uses the parts to build the model.
import type { CommandLine, TemplatePart } from "./model.ts";
import { quote } from "./quote.ts";

export interface TemplateProblem {
  code: "invalid_placeholder" | "invalid_command";
  message: string;
}

export interface Parsed<T> {
  value: T;
  problems: TemplateProblem[];
}

/** A Nix attribute path of plain identifiers, e.g. `nodejs_22` or `python3Packages.gunicorn`. */
export const ATTR_PATH = /^[A-Za-z_][A-Za-z0-9_'-]*(\.[A-Za-z_][A-Za-z0-9_'-]*)*$/;

/** `{…}` without whitespace inside, so Caddy blocks (`handle /x {\n …\n}`) never match. */
const PLACEHOLDER = /\{([^{}\s]*)\}/g;

/** A first word like `bun`: the nixpkgs package of that name, run as `${pkgs.bun}/bin/bun`. */
const BARE_PROGRAM = /^[A-Za-z_][A-Za-z0-9_-]*$/;

type Placeholder = { part: TemplatePart } | { problem: string } | { foreign: true };

function readPlaceholder(body: string): Placeholder {
  if (body === "package") return { part: { package: true } };
  if (!body.startsWith("pkgs.")) return { foreign: true };
  const attr = body.slice("pkgs.".length);
  return ATTR_PATH.test(attr)
    ? { part: { pkgs: attr } }
    : { problem: `${quote(`{${body}}`)} is not a valid Nix attribute path after "pkgs."` };
}

function pushText(parts: TemplatePart[], text: string): void {
  if (!text) return;
  const last = parts.at(-1);
  if (typeof last === "string") parts[parts.length - 1] = last + text;
  else parts.push(text);
}

/**
 * Splits text into literal strings and placeholders. With `caddy`, unknown `{…}` stay literal
 * because they are Caddy's own placeholders (`{host}`, `{http.request.uri}`); elsewhere they are errors.
 */
export function parseTemplate(text: string, caddy = false): Parsed<TemplatePart[]> {
  const parts: TemplatePart[] = [];
  const problems: TemplateProblem[] = [];
  let done = 0;
  for (const match of text.matchAll(PLACEHOLDER)) {
    const found = readPlaceholder(match[1] ?? "");
    if ("foreign" in found && caddy) continue; // stays in the next literal slice
    if ("part" in found) {
      pushText(parts, text.slice(done, match.index));
      parts.push(found.part);
      done = match.index + match[0].length;
    } else {
      const unknown = `unknown placeholder ${quote(match[0])}; use {package} or {pkgs.<name>}`;
      problems.push({ code: "invalid_placeholder", message: "problem" in found ? found.problem : unknown });
    }
  }
  pushText(parts, text.slice(done));
  return { value: parts, problems };
}

/** True when the program word is an absolute path, possibly inside a package (`{pkgs.bun}/bin/bun`). */
function isProgramPath(parts: TemplatePart[]): boolean {
  const [first, second] = parts;
  if (typeof first === "string") return first.startsWith("/");
  return typeof second === "string" && second.startsWith("/");
}

function parseProgram(word: string): Parsed<TemplatePart[]> {
  if (BARE_PROGRAM.test(word)) return { value: [{ pkgs: word }, `/bin/${word}`], problems: [] };
  const parsed = parseTemplate(word);
  if (parsed.problems.length || isProgramPath(parsed.value)) return parsed;
  const message =
    `program ${quote(word)} must be a nixpkgs package name (bun), a file in a package ` +
    `({package}/bin/server, {pkgs.nodejs_22}/bin/node) or an absolute path`;
  return { value: parsed.value, problems: [{ code: "invalid_command", message }] };
}

/**
 * Splits a command line at whitespace; the first word is the program (see the config spec).
 * The schema checks each command and the resolver then builds the model from the same text, and
 * apps often share command lines, so each text is parsed once; the result is frozen, as several
 * apps may hold it. (The cache is bounded, so that a long-lived process does not grow.)
 */
export function parseCommand(text: string): Parsed<CommandLine> {
  let parsed = commandCache.get(text);
  if (parsed === undefined) {
    if (commandCache.size >= 1024) commandCache.clear();
    parsed = freezeParsed(parseCommandText(text));
    commandCache.set(text, parsed);
  }
  return parsed;
}
const commandCache = new Map<string, Parsed<CommandLine>>();

function freezeParsed(p: Parsed<CommandLine>): Parsed<CommandLine> {
  for (const word of p.value) {
    for (const part of word) if (typeof part === "object") Object.freeze(part);
    Object.freeze(word);
  }
  p.problems.forEach((x) => Object.freeze(x));
  Object.freeze(p.value);
  Object.freeze(p.problems);
  return Object.freeze(p);
}

function parseCommandText(text: string): Parsed<CommandLine> {
  const [program, ...args] = text.trim().split(/\s+/).filter(Boolean);
  if (program === undefined) return { value: [], problems: [{ code: "invalid_command", message: "command is empty" }] };
  const words = [parseProgram(program), ...args.map((word) => parseTemplate(word))];
  return { value: words.map((w) => w.value), problems: words.flatMap((w) => w.problems) };
}
