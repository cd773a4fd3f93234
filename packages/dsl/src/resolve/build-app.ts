import type { AppModel, PackageRef } from "../model.ts";
import { normaliseRelative } from "../paths.ts";
import type { App, AppPackage } from "../schema/app.ts";
import { parseCommand } from "../template.ts";
import { secretRef } from "./build-secrets.ts";

function buildPackage(pkg: AppPackage): PackageRef {
  return "input" in pkg
    ? { kind: "input", input: pkg.input, attr: pkg.attr }
    : { kind: "path", path: normaliseRelative(pkg.path) };
}

/**
 * Local socket connection. The owner role is named after the database; when the app's own
 * name differs, the URL asks for that role, and postgres.nix maps the app's user onto it.
 */
function databaseUrl(app: string, database: string): string {
  const user = app === database ? "" : `&user=${database}`;
  return `postgresql:///${database}?host=/run/postgresql${user}`;
}

/** An app of a validated config; optional fields are omitted, never `undefined`. */
export function buildApp(name: string, app: App): AppModel {
  return {
    name,
    port: app.port,
    package: buildPackage(app.package),
    start: parseCommand(app.start).value,
    ...(app.migrate !== undefined && { migrate: parseCommand(app.migrate).value }),
    environment: Object.entries(app.environment),
    ...(app.environmentFile !== undefined && { environmentFile: secretRef(app.environmentFile) }),
    ...(app.database !== undefined && { database: app.database, databaseUrl: databaseUrl(name, app.database) }),
    restartSec: app.restartSec,
    readWritePaths: app.readWritePaths,
    hardening: app.hardening,
  };
}
