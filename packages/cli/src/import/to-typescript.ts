// The snippet as TypeScript source: a small value tree (objects keep their key order and may carry
// comments; `secret.file(...)` is a call), printed as an object literal and formatted by prettier.

export type TsValue = string | number | boolean | readonly TsValue[] | TsObject | TsCall;

export interface TsEntry {
  readonly key: string;
  readonly value: TsValue;
  /** Lines written as `// …` above the entry */
  readonly comment?: readonly string[];
}

export interface TsObject {
  readonly kind: "object";
  readonly entries: readonly TsEntry[];
  /** One key per line even when it would fit on one line (prettier keeps a break after `{`) */
  readonly expand: boolean;
}

export interface TsCall {
  readonly kind: "call";
  readonly callee: string;
  readonly args: readonly TsValue[];
}

/** Objects holding objects, or comments, are laid out one key per line; others as prettier fits them. */
export const tsObject = (entries: readonly TsEntry[], expand = false): TsObject => ({
  kind: "object",
  entries,
  expand: expand || entries.some((e) => e.comment !== undefined || isObject(e.value)),
});

const isObject = (value: TsValue): boolean => typeof value === "object" && !Array.isArray(value) && (value as TsObject).kind === "object";
export const tsCall = (callee: string, ...args: TsValue[]): TsCall => ({ kind: "call", callee, args });

/** Whether `value` uses `secret` and so needs `import { secret } from "gen-nix"`. */
export function usesCallee(value: TsValue, callee: string): boolean {
  if (Array.isArray(value)) return value.some((item: TsValue) => usesCallee(item, callee));
  if (typeof value !== "object") return false;
  const v = value as TsObject | TsCall;
  return v.kind === "call" ? v.callee === callee : v.entries.some((e) => usesCallee(e.value, callee));
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

function printValue(value: TsValue): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return `[${value.map((item: TsValue) => printValue(item)).join(", ")}]`;
  const v = value as TsObject | TsCall;
  if (v.kind === "call") return `${v.callee}(${v.args.map(printValue).join(", ")})`;
  const entries = v.entries.map((e) => {
    const comment = (e.comment ?? []).map((line) => `// ${line}\n`).join("");
    return `${comment}${IDENTIFIER.test(e.key) ? e.key : JSON.stringify(e.key)}: ${printValue(e.value)},`;
  });
  return v.expand ? `{\n${entries.join("\n")}\n}` : `{ ${entries.join(" ")} }`;
}

/**
 * `key: value,` as it reads inside an object literal, formatted by prettier (loaded only here:
 * it is large and no other command needs it).
 *
 * ```ts
 * await printEntry({ key: "stacks", value: tsObject([...]) }); // "stacks: {\n  pangolin: {...},\n},\n"
 * ```
 */
export async function printEntry(entry: TsEntry): Promise<string> {
  const prettier = await loadPrettier();
  // Prettier formats programs, not properties: format the entry inside `({ … });` and cut that off.
  const source = `(${printValue(tsObject([entry], true))});\n`;
  const formatted = await prettier.format(source, { parser: "typescript", printWidth: 100 });
  const lines = formatted.split("\n");
  if (lines[0] !== "({" || lines.at(-2) !== "});") throw new Error(`(bug) unexpected prettier output:\n${formatted}`);
  return lines
    .slice(1, -2)
    .map((line) => line.replace(/^ {2}/, ""))
    .join("\n")
    .concat("\n");
}

/**
 * Prettier stays outside the bundle. The bundle is CommonJS run from V8's code cache, and a script
 * restored from that cache loses its dynamic-import hook (ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING),
 * so there it is required; under tsx (ESM sources, tests) `require` is not defined and it is imported.
 */
async function loadPrettier(): Promise<typeof import("prettier")> {
  return typeof require === "function" ? (require("prettier") as typeof import("prettier")) : import("prettier");
}
