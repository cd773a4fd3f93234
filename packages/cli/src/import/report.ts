// What the importer could not carry over, or carried over with a caveat. Every entry names its
// place in the compose file (key path and line:column), so nothing is dropped without a trace.

/** A key path in the compose file, e.g. ["services", "gerbil", "ports", 2]. */
export type ComposePath = readonly (string | number)[];

/** 1-based, as editors show them. */
export interface Position {
  readonly line: number;
  readonly column: number;
}

export interface ReportEntry {
  /** "unmapped": left out or not equivalent (makes the command exit 1); "note": mapped, read this */
  readonly kind: "unmapped" | "note";
  readonly path: ComposePath;
  readonly at: Position | undefined;
  readonly message: string;
}

/** Collects entries in the order the compose file is read. */
export class Report {
  readonly entries: ReportEntry[] = [];

  constructor(private readonly locate: (path: ComposePath) => Position | undefined) {}

  /** Something in the compose file that the snippet does not express. */
  unmapped(path: ComposePath, message: string): void {
    this.entries.push({ kind: "unmapped", path, at: this.at(path), message });
  }

  /** Mapped, but the user should know how (a rename, a resolved path, a floating image). */
  note(path: ComposePath, message: string): void {
    this.entries.push({ kind: "note", path, at: this.at(path), message });
  }

  private at(path: ComposePath): Position | undefined {
    return path.length === 0 ? undefined : this.locate(path);
  }

  /** In file order (the order of reading differs: networks are read before services); unlocated last. */
  sorted(): ReportEntry[] {
    const key = (e: ReportEntry): number => (e.at === undefined ? Infinity : e.at.line * 1e6 + e.at.column);
    return this.entries.map((e, i) => ({ e, i })).sort((a, b) => key(a.e) - key(b.e) || a.i - b.i).map(({ e }) => e);
  }

  get unmappedCount(): number {
    return this.entries.filter((entry) => entry.kind === "unmapped").length;
  }
}

/** "services.gerbil.ports[2]" */
export function formatComposePath(path: ComposePath): string {
  return path
    .map((key, i) => (typeof key === "number" ? `[${key}]` : /^[A-Za-z_][\w-]*$/.test(key) ? `${i === 0 ? "" : "."}${key}` : `[${JSON.stringify(key)}]`))
    .join("");
}

/** "services.x.build: ", or nothing for the file as a whole. */
const subject = (e: ReportEntry): string => (e.path.length === 0 ? "" : `${formatComposePath(e.path)}: `);

const position = (at: Position | undefined): string => (at === undefined ? "" : `:${at.line}:${at.column}`);

/** One line per entry for stderr: `docker-compose.yml:14:5: not mapped: services.x.build: …`. */
export function formatReport(entries: readonly ReportEntry[], file: string): string {
  return entries
    .map((e) => `${file}${position(e.at)}: ${e.kind === "unmapped" ? "not mapped" : "note"}: ${subject(e)}${e.message}\n`)
    .join("");
}

/** The comment block that heads the snippet: unmapped items first, then notes. */
export function reportComment(entries: readonly ReportEntry[], file: string): string {
  const section = (title: string, kind: ReportEntry["kind"]): string[] => {
    const lines = entries
      .filter((e) => e.kind === kind)
      .map((e) => `//   ${file}${position(e.at)} ${subject(e)}${e.message}`);
    return lines.length === 0 ? [] : [`// ${title}:`, ...lines];
  };
  const unmapped = section("Not mapped (review before use)", "unmapped");
  const notes = section("Notes", "note");
  return [...unmapped, ...notes].map((line) => `${line.replace(/\s+$/, "")}\n`).join("");
}
