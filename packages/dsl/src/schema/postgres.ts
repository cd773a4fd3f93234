import * as z from "zod";
import { quote } from "../quote.ts";
import { checkName, flag, unixName } from "./rules.ts";

const DATABASE_NAME = unixName("database");

const DatabasesSchema = z.array(z.string()).superRefine((names, ctx) => {
  const seen = new Set<string>();
  names.forEach((name, i) => {
    checkName(ctx, [i], name, DATABASE_NAME);
    if (seen.has(name)) flag(ctx, [i], "duplicate_database", `database ${quote(name)} is listed twice; remove one`);
    seen.add(name);
  });
});

/** One shared PostgreSQL server; isolation is per database, each owned by a same-named role. */
export const PostgresSchema = z.strictObject({
  /** Major version → services.postgresql.package = pkgs.postgresql_<version>; default 17 */
  version: z.int().min(13).max(18).default(17),
  /** → services.postgresql.ensureDatabases + ensureUsers (same name, ensureDBOwnership = true) */
  databases: DatabasesSchema.default([]),
  /** Local socket auth → services.postgresql.authentication; default "peer" ("trust" warns) */
  authentication: z.enum(["peer", "trust"]).default("peer"),
});
export type Postgres = z.output<typeof PostgresSchema>;
