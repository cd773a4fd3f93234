// Reads a compose file with positions: the plain data to map, and a way to find where any key
// path sits in the file, so every report entry can point at its line and column.
import { existsSync, readFileSync } from "node:fs";
import { LineCounter, isAlias, isMap, isScalar, isSeq, parseDocument, type Document, type Node } from "yaml";
import { CliError, formatLocation } from "../errors.ts";
import type { ComposePath, Position } from "./report.ts";

export interface ComposeFile {
  /** The parsed file as plain data (anchors and `<<` merge keys expanded) */
  readonly data: Record<string, unknown>;
  /** Line and column of the key (or list item) at `path`; the nearest enclosing one if not found */
  locate(path: ComposePath): Position | undefined;
}

/** Reads and parses `file` (absolute); a syntax error is the user's to fix, not a bug. */
export function readCompose(file: string): ComposeFile {
  if (!existsSync(file)) throw new CliError(`${formatLocation({ file })}: compose file not found`);
  return parseCompose(readFileSync(file, "utf8"), file);
}

function parseCompose(text: string, file: string): ComposeFile {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, merge: true, prettyErrors: true, uniqueKeys: true });
  const [error] = doc.errors;
  if (error !== undefined) {
    const [line, column] = [error.linePos?.[0]?.line, error.linePos?.[0]?.col];
    throw new CliError(`${formatLocation({ file, line, column })}: invalid YAML: ${error.message.split("\n")[0]?.replace(/ at line \d+, column \d+:?$/, "")}`);
  }
  const data: unknown = doc.toJS({ maxAliasCount: -1 });
  if (!isRecord(data) || !isRecord(data.services)) {
    throw new CliError(`${formatLocation({ file })}: not a compose file: it has no "services:" mapping`);
  }
  return { data, locate: (path) => locatePath(doc, path, lineCounter) };
}

function locatePath(doc: Document, path: ComposePath, lines: LineCounter): Position | undefined {
  let node: unknown = doc.contents;
  let offset = (node as Node | null)?.range?.[0];
  for (const key of path) {
    if (isAlias(node)) node = node.resolve(doc);
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(key));
      if (pair === undefined) break;
      offset = (pair.key as Node).range?.[0] ?? offset;
      node = pair.value;
    } else if (isSeq(node) && typeof key === "number" && node.items[key] !== undefined) {
      node = node.items[key];
      offset = (node as Node).range?.[0] ?? offset;
    } else {
      break;
    }
  }
  if (offset === undefined) return undefined;
  const { line, col } = lines.linePos(offset);
  return { line, column: col };
}

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);
