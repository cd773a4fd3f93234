/**
 * `DEPLOY.md`: per host, the commands that install it (nixos-anywhere, for hosts with a disk
 * layout) and deploy it later (nixos-rebuild), and the OpenTofu all-in-one module pointed at
 * this flake. Written only when some host has a layout or an address.
 */
import type { HostModel, Model } from "@gen-nix/dsl";
import { type EmitOptions, type GeneratedFile, HEADER, fromSource } from "./file.ts";

const ALL_IN_ONE = "github.com/nix-community/nixos-anywhere//terraform/all-in-one";

/** `a \` continuation lines for a command too long for one line. */
function command(words: string[][]): string {
  const line = words.map((w) => w.join(" ")).join(" ");
  if (line.length <= 100) return line;
  return words.map((w, i) => (i === 0 ? "" : "  ") + w.join(" ")).join(" \\\n");
}

const fence = (lang: string, body: string): string => `\`\`\`${lang}\n${body}\n\`\`\``;

/** Where nixos-anywhere writes a hardware config for a host without one, from the flake root. */
function hardwarePath(host: HostModel, opts: EmitOptions): { flake: string; config: string } {
  const config = `hosts/${host.name}/hardware-configuration.nix`;
  return { flake: `./${fromSource(opts, config)}`, config: `./${config}` };
}

/** A host needs a generated hardware config when it has no modules of its own and is no QEMU guest. */
const needsHardware = (host: HostModel): boolean => host.extraModules.length === 0 && !host.disko?.qemuGuest;

function deployUser(host: HostModel): { target: string; sudo: boolean } {
  const admin = host.admins[0];
  if (host.ssh.permitRootLogin === "no" && admin) return { target: admin.name, sudo: true };
  return { target: "root", sudo: false };
}

function installSection(host: HostModel, address: string, opts: EmitOptions): string[] {
  const disko = host.disko!;
  const out = [
    `Install NixOS over SSH with nixos-anywhere. This erases and repartitions the disks in`,
    `\`hosts/${host.name}/disko.nix\`; the server may run any Linux with root SSH access.`,
    "",
  ];
  const words: string[][] = [["nixos-anywhere", "--flake", `.#${host.name}`]];
  if (needsHardware(host)) {
    const hw = hardwarePath(host, opts);
    out.push(
      "This host has no hardware module. Before the first install, create an empty one, import it and",
      "add it to git (a flake sees only tracked files); nixos-anywhere then overwrites it with the",
      "server's `nixos-generate-config --no-filesystems` output, which you commit:",
      "",
      fence("sh", `echo '{ }' > ${hw.flake}\ngit add ${hw.flake}`),
      "",
      `and in \`infra.config.ts\`: \`modules: ["${hw.config}"]\`, then run gen-nix again.`,
      "",
    );
    words.push(["--generate-hardware-config", "nixos-generate-config", hw.flake]);
  }
  for (const file of disko.passwordFiles) {
    out.push(
      `The LUKS passphrase is read from \`${file}\` on the server while disko formats; nixos-anywhere`,
      "uploads it from a local file or pipe (e.g. `<(pass show disks/" + host.name + ")`). It is not stored on",
      "the installed system; the initrd asks for the passphrase on the console at every boot.",
      "",
    );
    words.push(["--disk-encryption-keys", file, "path/to/passphrase"]);
  }
  words.push([`root@${address}`]);
  out.push(fence("sh", command(words)));
  if (address.includes(":")) {
    out.push(
      "",
      "On an IPv6-only server, GitHub (which hosts the default kexec image) is out of reach; pass",
      "`--kexec` with a local copy or an IPv6 mirror, as nixos-anywhere's IPv6 how-to describes.",
    );
  }
  if (host.ssh.port !== 22) out.push("", `After the install, sshd listens on port ${host.ssh.port}.`);
  return out;
}

function rebuildSection(host: HostModel, address: string): string[] {
  const user = deployUser(host);
  const words: string[][] = [
    ...(host.ssh.port !== 22 ? [[`NIX_SSHOPTS="-p ${host.ssh.port}"`]] : []),
    ["nixos-rebuild", "switch", "--flake", `.#${host.name}`],
    ["--target-host", `${user.target}@${address}`],
    ...(user.sudo ? [["--sudo"]] : []),
  ];
  const out = ["Deploy changes:", "", fence("sh", command(words))];
  if (user.sudo) {
    out.push(
      "",
      `Root login is off, so the build is copied as \`${user.target}\` and activated with sudo; Nix accepts`,
      "unsigned store paths only from trusted users, so the host needs",
      '`nix.settings.trusted-users = [ "@wheel" ];` in one of its modules.',
    );
  }
  return out;
}

function tofuSection(host: HostModel, address: string, opts: EmitOptions): string[] {
  const attr = (path: string) => `".#nixosConfigurations.${host.name}.config.system.build.${path}"`;
  const target = address === "<address>" ? "hcloud_server.example.ipv4_address" : `"${address}"`;
  const rows: [string, string][] = [
    ["source", `"${ALL_IN_ONE}"`],
    ["nixos_system_attr", attr("toplevel")],
    ["nixos_partitioner_attr", attr("diskoScript")],
    ["target_host", target],
    ["instance_id", target],
  ];
  const user = deployUser(host);
  if (user.sudo) rows.push(["target_user", `"${user.target}"`], ["install_user", '"root"']);
  if (host.ssh.port !== 22) rows.push(["target_port", String(host.ssh.port)], ["install_port", '"22"']);
  if (needsHardware(host)) rows.push(["nixos_generate_config_path", `"${hardwarePath(host, opts).flake}"`]);
  const width = Math.max(...rows.map(([k]) => k.length));
  const lines = rows.map(([k, v]) => `  ${k.padEnd(width)} = ${v}`);
  for (const file of host.disko!.passwordFiles) {
    lines.push("  disk_encryption_key_scripts = [{", `    path   = "${file}"`, `    script = "./disk-key-${host.name}.sh" # prints the passphrase`, "  }]");
  }
  return [
    "With OpenTofu, the nixos-anywhere all-in-one module installs the host once (again whenever",
    "`instance_id` changes) and deploys every new build of this flake; run `tofu` from this",
    "directory, as the attributes are relative to it:",
    "",
    fence("hcl", [`module "${host.name}" {`, ...lines, "}"].join("\n")),
  ];
}

function hostSection(host: HostModel, opts: EmitOptions): string[] {
  const address = host.address ?? "<address>";
  const out = [`## ${host.name}`, ""];
  if (host.address === undefined) out.push("Set `address` on this host to fill in the commands below.", "");
  if (host.disko) out.push(...installSection(host, address, opts), "");
  out.push(...rebuildSection(host, address));
  if (host.disko) out.push("", ...tofuSection(host, address, opts));
  return out;
}

export function emitDeploy(model: Model, opts: EmitOptions): GeneratedFile | undefined {
  const hosts = model.hosts.filter((h) => h.disko !== undefined || h.address !== undefined);
  if (hosts.length === 0) return undefined;
  const lines = [
    ...HEADER.map((h) => `<!-- ${h} -->`),
    "",
    "# Deploying",
    "",
    "Commands for the hosts of this flake, run from this directory.",
    ...hosts.flatMap((h) => ["", ...hostSection(h, opts)]),
  ];
  return { path: "DEPLOY.md", content: lines.join("\n") + "\n" };
}
