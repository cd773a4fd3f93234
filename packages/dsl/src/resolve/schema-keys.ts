// Which keys an object in the config may have, read from the schema itself, so that "unknown
// key" can suggest the known key it most likely misspells. Walks any schema: fields added later
// need nothing here.
import type { z } from "zod";

type Schema = z.core.$ZodType;

/** Wrappers whose inner schema decides the shape of the value. */
const WRAPPERS = new Set(["optional", "nullable", "default", "prefault", "readonly", "catch", "nonoptional"]);

/** The schemas that decide the shape at this level: wrappers removed, unions split. */
function unwrap(schema: Schema): Schema[] {
  const def = schema._zod.def;
  if (WRAPPERS.has(def.type)) return unwrap((def as z.core.$ZodOptionalDef).innerType);
  if (def.type === "pipe") return unwrap((def as z.core.$ZodPipeDef).in);
  if (def.type === "lazy") return unwrap((def as z.core.$ZodLazyDef).getter());
  if (def.type === "union") return (def as z.core.$ZodUnionDef).options.flatMap(unwrap);
  return [schema];
}

/** The schemas a value one key below `schema` may have to match. */
function child(schema: Schema, key: string | number): Schema[] {
  const def = schema._zod.def;
  switch (def.type) {
    case "object": {
      // Any other key of an object with a catch-all (a record, see stringRecord) has its schema.
      const { shape, catchall } = def as z.core.$ZodObjectDef;
      if (typeof key === "string" && Object.hasOwn(shape, key)) return [shape[key]!];
      return catchall && catchall._zod.def.type !== "never" ? [catchall] : [];
    }
    case "record":
      return [(def as z.core.$ZodRecordDef).valueType];
    case "array":
      return [(def as z.core.$ZodArrayDef).element];
    default:
      return [];
  }
}

/**
 * The keys the object at `path` may have, in schema order; several object schemas (a union's
 * branches) contribute all their keys. Empty when no object schema is found there.
 */
export function knownKeys(schema: Schema, path: readonly (string | number)[]): string[] {
  let level = unwrap(schema);
  for (const key of path) level = level.flatMap((s) => child(s, key)).flatMap(unwrap);
  const keys = level.flatMap((s) => (s._zod.def.type === "object" ? Object.keys((s._zod.def as z.core.$ZodObjectDef).shape) : []));
  return [...new Set(keys)];
}
