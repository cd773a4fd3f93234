/** Invariant violations inside the emitter or printer: always a bug, never a user mistake. */
export class UnexpectedNodeError extends Error {
  constructor(node: unknown) {
    super(`unexpected node (bug): ${JSON.stringify(node, (_k, v: unknown) => (typeof v === "bigint" ? `${v}n` : v))}`);
    this.name = "UnexpectedNodeError";
  }
}
