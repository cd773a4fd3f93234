/** YAML output for compose files and stack files: deterministic, readable by YAML 1.1 and 1.2 parsers. */
import { stringify } from "yaml";

/**
 * Keys keep insertion order; nothing is folded. Written as YAML 1.1 so that scalars a 1.1 parser
 * (PyYAML, docker-compose 1.x) would read as something else stay quoted: `"no"`, `"on"`,
 * `"22:22"` (a base-60 number in 1.1). A 1.2 parser reads the same values.
 */
export function toYaml(value: unknown): string {
  return stringify(value, { version: "1.1", lineWidth: 0, indentSeq: true });
}
