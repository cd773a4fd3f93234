/** A generated config of `hosts` hosts with `apps` apps each, all sharing one PostgreSQL per host. */
export function syntheticConfig(hosts: number, apps: number): unknown {
  const hostEntries = Array.from({ length: hosts }, (_, h) => {
    const names = Array.from({ length: apps }, (_, a) => `app${a}`);
    return [
      `host${h}`,
      {
        stateVersion: "26.05",
        admins: { ops: { sshKeys: ["ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJpIy7oP71q2Z+PQNjY39mhYtMF0beLn7TrHr6ZmxQMo ops@example"] } },
        postgres: { databases: names },
        apps: Object.fromEntries(
          names.map((name, a) => [name, { port: 8000 + a, package: { input: "apps", attr: name }, start: "bun server.ts", database: name, environment: { NODE_ENV: "production" } }]),
        ),
        caddy: { email: "ops@example.com", sites: Object.fromEntries(names.map((name) => [`${name}.host${h}.example.com`, { app: name }])) },
      },
    ];
  });
  return { inputs: { apps: "github:example/apps" }, hosts: Object.fromEntries(hostEntries) };
}
