/** `hosts/<host>/postgres.nix`: one shared PostgreSQL, a database and owner role per app. */
import { n } from "../ast/build.ts";
import type { HostModel } from "@gen-nix/dsl";
import { type GeneratedFile, moduleFile } from "./file.ts";

/**
 * pg_hba rules, replacing the module's defaults (which also allow md5 over loopback TCP):
 * only local socket connections, authenticated as the connecting system user (`peer`).
 * Apps whose database has another name than the app get an ident map entry.
 */
function authentication(host: HostModel): { hba: string; ident?: string } {
  const pg = host.postgres!;
  const mapped = host.apps.filter((a) => a.database !== undefined && a.database !== a.name);
  if (pg.authentication === "trust") return { hba: "local all all trust\n" };
  if (mapped.length === 0) return { hba: "local all all peer\n" };
  const ident = ["apps /^(.*)$ \\1", ...mapped.map((a) => `apps ${a.name} ${a.database}`)];
  return { hba: "local all all peer map=apps\n", ident: ident.join("\n") + "\n" };
}

// Built once, so every host's file shares the nodes (and the printer their text).
const ENABLE = n.assign("enable", true);
// Off means the server listens on localhost only (the module's listen_addresses).
const LOCALHOST_ONLY = n.assign("enableTCPIP", false);
const OWNS_DATABASE = n.assign("ensureDBOwnership", true);

export function emitPostgres(host: HostModel): GeneratedFile {
  const pg = host.postgres!;
  const auth = authentication(host);
  const settings = n.set([
    ENABLE,
    n.assign("package", n.ref(`pkgs.postgresql_${pg.version}`)),
    LOCALHOST_ONLY,
    n.assign("ensureDatabases", pg.databases),
    n.assign("ensureUsers", pg.databases.map((db) => n.set([n.assign("name", db), OWNS_DATABASE]))),
    n.assign("authentication", n.apply("lib.mkForce", n.text(auth.hba))),
    ...(auth.ident ? [n.assign("identMap", n.text(auth.ident))] : []),
  ]);
  const body = n.set([n.assign(["services", "postgresql"], settings)]);
  return moduleFile(`hosts/${host.name}/postgres.nix`, body);
}
