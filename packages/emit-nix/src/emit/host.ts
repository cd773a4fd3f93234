/**
 * `hosts/<host>/default.nix`: the host itself — identity, admins, SSH, firewall, nix — and
 * the imports of every concern's module beside it (the modules emitAll writes for the host).
 */
import { n } from "../ast/build.ts";
import type { Binding, Expr } from "../ast/nodes.ts";
import type { HostModel } from "@gen-nix/dsl";
import { type EmitOptions, type GeneratedFile, fromSource, moduleFile, relativePath } from "./file.ts";

/** The generated modules (paths from the flake root, all below the host's directory), then the user's own. */
function imports(host: HostModel, modules: readonly string[], opts: EmitOptions): Expr[] {
  const dir = `hosts/${host.name}`;
  const below = `${dir}/`;
  const out: Expr[] = [];
  for (const path of modules) {
    if (!path.startsWith(below)) throw new Error(`(bug) module ${path} is not below ${dir}`);
    out.push(n.path(`./${path.slice(below.length)}`));
  }
  for (const m of host.extraModules) out.push(relativePath(dir, fromSource(opts, m)));
  return out;
}

function admins(host: HostModel): Binding[] {
  const users = host.admins.map((a, i) =>
    n.assign(["users", "users", a.name], { isNormalUser: true, extraGroups: ["wheel"], openssh: { authorizedKeys: { keys: a.sshKeys } } }, i === 0 ? { blankBefore: true } : {}),
  );
  if (host.admins.length === 0) return users;
  const keys = [...new Set(host.admins.flatMap((a) => a.sshKeys))];
  return [
    ...users,
    SUDO_WITHOUT_PASSWORD,
    // `nixos-rebuild --target-host root@…` and nixos-anywhere log in as root with these keys.
    ...(host.ssh.permitRootLogin === "prohibit-password" ? [n.assign("users.users.root.openssh.authorizedKeys.keys", keys)] : []),
  ];
}

function openssh(host: HostModel): Binding {
  return n.assign(
    ["services", "openssh"],
    {
      enable: true,
      ports: [host.ssh.port],
      openFirewall: true,
      settings: { PasswordAuthentication: false, KbdInteractiveAuthentication: false, PermitRootLogin: host.ssh.permitRootLogin },
    },
    { blankBefore: true },
  );
}

// The same on every host: built once, so each host's file shares the nodes (and the printer their text).
// Admins have keys, not passwords, so sudo must not ask for one.
const SUDO_WITHOUT_PASSWORD = n.assign("security.sudo.wheelNeedsPassword", false);
// Deny by default: only SSH and the ports the modules above open get through.
const FIREWALL = n.assign("networking.firewall.enable", true, { blankBefore: true });
const FLAKES = n.assign("nix.settings.experimental-features", ["nix-command", "flakes"]);

export function emitHost(host: HostModel, modules: readonly string[], opts: EmitOptions): GeneratedFile {
  const body = n.set([
    n.assign("imports", imports(host, modules, opts)),
    n.assign("networking.hostName", host.name, { blankBefore: true }),
    n.assign("nixpkgs.hostPlatform", host.system),
    ...(host.timeZone ? [n.assign("time.timeZone", host.timeZone)] : []),
    ...admins(host),
    openssh(host),
    FIREWALL,
    FLAKES,
    n.assign("system.stateVersion", host.stateVersion, { blankBefore: true }),
  ]);
  return moduleFile(`hosts/${host.name}/default.nix`, body);
}
