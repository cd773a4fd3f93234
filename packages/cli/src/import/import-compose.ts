// `gen-nix import`: a compose file → a `stacks: { … }` entry to paste into a host of
// infra.config.ts, headed by comments that list everything it could not map.
import { basename } from "node:path";
import { mapStack, type ImportOptions } from "./map-stack.ts";
import { readCompose } from "./read-compose.ts";
import { reportComment, type ReportEntry } from "./report.ts";
import { printEntry, usesCallee } from "./to-typescript.ts";

export interface ImportResult {
  /** The TypeScript to paste */
  readonly code: string;
  readonly project: string;
  readonly entries: readonly ReportEntry[];
  /** How many entries are "unmapped" (the rest are notes) */
  readonly unmapped: number;
}

/**
 * ```ts
 * const { code } = await importCompose({ file: "/srv/pangolin/docker-compose.yml" });
 * // stacks: {
 * //   pangolin: { containers: { pangolin: { image: "docker.io/fosrl/pangolin:1.12.3", … } } },
 * // },
 * ```
 */
export async function importCompose(options: ImportOptions): Promise<ImportResult> {
  const { project, directory, stack, report } = mapStack(readCompose(options.file), options);
  const entry = { key: "stacks", value: { kind: "object", entries: [{ key: project, value: stack }], expand: true } } as const;
  const file = basename(options.file);
  const entries = report.sorted();
  const header = [
    `// gen-nix import ${file}: paste into a host of infra.config.ts (hosts.<host>.stacks).`,
    ...(usesCallee(stack, "secret.file") ? ['// It uses secret: import { defineInfra, secret } from "gen-nix";'] : []),
    `// Stack directory: ${directory}${options.directory === undefined ? " (the default)" : ""}.`,
  ].map((line) => `${line}\n`);
  const code = `${header.join("")}${reportComment(entries, file)}${await printEntry(entry)}`;
  return { code, project, entries, unmapped: report.unmappedCount };
}
