// The disko fixtures' generated files, evaluated by the real Nix: the layout each disko.nix
// declares, the boot loader in boot.nix, the flake's disko input and module, DEPLOY.md.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { hetznerCloud, resolveInfra } from "@gen-nix/dsl";
import { emitAll } from "@gen-nix/emit-nix";
import { GOLDEN, fixtureCases } from "./support/fixtures.ts";
import { callModule, evalModuleText, nixEval } from "./support/nix.ts";

const golden = (fixture: string, path: string): string => join(GOLDEN, fixture, path);

const HOSTS: Record<string, string> = { "disko-hetzner-cloud": "vps", "disko-raid1": "db1", "disko-luks": "vault", "disko-btrfs": "build", "disko-zfs": "store" };

/**
 * Every golden disko.nix and boot.nix, evaluated strictly in one nix-instantiate run: boot.nix
 * gets a stand-in modulesPath, disko.nix is a plain set.
 */
const evaluated: Record<string, { disko: any; boot: any }> = (() => {
  const entries = Object.entries(HOSTS).map(([fixture, host]) => {
    const disko = callModule(golden(fixture, `hosts/${host}/disko.nix`), "{ }");
    const boot = callModule(golden(fixture, `hosts/${host}/boot.nix`), '{ modulesPath = "/nixos/modules"; }');
    return `"${fixture}" = { disko = ${disko}; boot = ${boot}; };`;
  });
  return nixEval(`{ ${entries.join(" ")} }`) as Record<string, { disko: any; boot: any }>;
})();

/** disko.devices of a golden disko.nix. */
const devices = (fixture: string): any => evaluated[fixture]!.disko.disko.devices;

/** A golden boot.nix's config. */
const boot = (fixture: string): any => evaluated[fixture]!.boot;

const parts = (disk: any): string[] => Object.keys(disk.content.partitions).sort();

test("every preset has a golden fixture", () => {
  const cases = fixtureCases().filter((c) => c.startsWith("disko-"));
  assert.equal(cases, ["disko-btrfs", "disko-hetzner-cloud", "disko-luks", "disko-raid1", "disko-zfs"]);
});

test("hetzner-cloud: /dev/sda with BIOS boot, a vfat ESP on /boot and ext4 on /; the qemu-guest profile", () => {
  const d = devices("disko-hetzner-cloud");
  const main = d.disk.main;
  assert.is(main.type, "disk");
  assert.is(main.device, "/dev/sda");
  assert.is(main.content.type, "gpt");
  const p = main.content.partitions;
  assert.equal(p.boot, { size: "1M", type: "EF02" });
  assert.equal(p.ESP, { size: "512M", type: "EF00", content: { type: "filesystem", format: "vfat", mountpoint: "/boot", mountOptions: ["umask=0077"] } });
  assert.equal(p.root, { size: "100%", content: { type: "filesystem", format: "ext4", mountpoint: "/" } });
  const b = boot("disko-hetzner-cloud");
  assert.equal(b.imports, ["/nixos/modules/profiles/qemu-guest.nix"]);
  // No devices: disko sets boot.loader.grub.devices from the EF02 partition, and a second
  // definition would install GRUB twice on the same disk.
  assert.equal(b.boot.loader.grub, { enable: true, efiSupport: true, efiInstallAsRemovable: true });
  assert.is(b.networking, undefined);
});

test("raid1: both disks carry BIOS boot and members of the boot (metadata 1.0) and root arrays", () => {
  const d = devices("disko-raid1");
  assert.equal(Object.keys(d.disk).sort(), ["disk1", "disk2"]);
  for (const disk of Object.values<any>(d.disk)) {
    assert.match(disk.device, /^\/dev\/disk\/by-id\/nvme-/);
    assert.equal(parts(disk), ["ESP", "boot", "root"]);
    assert.is(disk.content.partitions.boot.type, "EF02");
    assert.equal(disk.content.partitions.ESP.content, { type: "mdraid", name: "boot" });
    assert.equal(disk.content.partitions.root.content, { type: "mdraid", name: "root" });
  }
  assert.is(d.disk.disk1.device === d.disk.disk2.device, false);
  assert.equal(d.mdadm.boot, { type: "mdadm", level: 1, metadata: "1.0", content: { type: "filesystem", format: "vfat", mountpoint: "/boot", mountOptions: ["umask=0077"] } });
  assert.equal(d.mdadm.root.content.mountpoint, "/");
  const b = boot("disko-raid1");
  assert.is(b.boot.swraid.mdadmConf, "MAILADDR root\n");
  assert.is(b.boot.loader.grub.devices, undefined);
  assert.is(b.imports, undefined);
});

test("luks: the root partition is a LUKS container read from a key file, ext4 inside", () => {
  const root = devices("disko-luks").disk.main.content.partitions.root;
  assert.is(root.size, "100%");
  assert.equal(root.content, {
    type: "luks",
    name: "crypted",
    passwordFile: "/tmp/secret.key",
    settings: { allowDiscards: true },
    content: { type: "filesystem", format: "ext4", mountpoint: "/" },
  });
  // disko itself sets boot.initrd.luks.devices.crypted from the container.
  assert.is(boot("disko-luks").boot.initrd, undefined);
});

test("btrfs: subvolumes for /, /home and /nix with compress and noatime", () => {
  const root = devices("disko-btrfs").disk.main.content.partitions.root.content;
  assert.is(root.type, "btrfs");
  assert.equal(root.extraArgs, ["-f"]);
  const options = ["compress=zstd", "noatime"];
  assert.equal(root.subvolumes, {
    "/root": { mountpoint: "/", mountOptions: options },
    "/home": { mountpoint: "/home", mountOptions: options },
    "/nix": { mountpoint: "/nix", mountOptions: options },
  });
});

test("zfs: a mirrored zroot with datasets on /, /nix and /home, mirrored ESPs, a fixed hostId", () => {
  const d = devices("disko-zfs");
  for (const disk of Object.values<any>(d.disk)) assert.equal(disk.content.partitions.zfs.content, { type: "zfs", pool: "zroot" });
  const pool = d.zpool.zroot;
  assert.is(pool.type, "zpool");
  assert.is(pool.mode, "mirror");
  assert.equal(pool.options, { ashift: "12" });
  assert.is(pool.rootFsOptions.mountpoint, "none");
  assert.is(pool.rootFsOptions["com.sun:auto-snapshot"], "false");
  const mounts = Object.fromEntries(Object.entries<any>(pool.datasets).map(([k, v]) => [k, [v.type, v.mountpoint]]));
  assert.equal(mounts, { root: ["zfs_fs", "/"], nix: ["zfs_fs", "/nix"], home: ["zfs_fs", "/home"] });
  assert.is(d.mdadm.boot.metadata, "1.0");
  const b = boot("disko-zfs");
  // The documented default: the first 8 hex digits of the SHA-256 of the host name.
  assert.is(b.networking.hostId, createHash("sha256").update("store").digest("hex").slice(0, 8));
});

test("the flake brings disko (following our nixpkgs) and puts its module before the host's", () => {
  const flake = golden("disko-hetzner-cloud", "flake.nix");
  const inputs = nixEval(`(import ${flake}).inputs`);
  assert.equal(inputs, { nixpkgs: { url: "github:NixOS/nixpkgs/nixos-26.05" }, disko: { url: "github:nix-community/disko", inputs: { nixpkgs: { follows: "nixpkgs" } } } });
  const stubs = '{ self = { }; nixpkgs.lib.nixosSystem = args: args; disko.nixosModules.disko = "disko-module"; }';
  const modules = nixEval(`map (m: if builtins.isPath m then baseNameOf m else m) ((import ${flake}).outputs ${stubs}).nixosConfigurations.vps.modules`);
  assert.equal(modules, ["disko-module", "vps"]);
  const imports = nixEval(`map baseNameOf (import ${golden("disko-hetzner-cloud", "hosts/vps/default.nix")}).imports`);
  assert.equal(imports, ["disko.nix", "boot.nix"]);
});

function emit(host: Record<string, unknown>, sourceDir = ""): Map<string, string> {
  const model = resolveInfra({ hosts: { h: { stateVersion: "26.05", ...host } } });
  return new Map(emitAll(model, { sourceDir }).map((f) => [f.path, f.content]));
}

const evalText = (content: string): any => evalModuleText(content, "{ }");

const ext4Root = { type: "filesystem", format: "ext4", mountpoint: "/" };

test("a host without a layout gets no disko files, no disko input and no DEPLOY.md", () => {
  const files = emit({});
  assert.equal([...files.keys()], ["hosts/h/default.nix", "flake.nix"]);
  assert.not.match(files.get("flake.nix")!, /disko/);
});

test("UEFI-only layouts install GRUB with device nodev; an ESP elsewhere sets efiSysMountPoint", () => {
  const esp = { size: "1G", type: "EF00", content: { type: "filesystem", format: "vfat", mountpoint: "/boot/efi" } };
  const disko = { disks: { main: { device: "/dev/vda", content: { type: "gpt", partitions: { ESP: esp, root: { size: "100%", content: ext4Root } } } } } };
  const b = evalText(emit({ disko }).get("hosts/h/boot.nix")!);
  assert.equal(b.boot.loader.grub, { enable: true, device: "nodev", efiSupport: true, efiInstallAsRemovable: true });
  assert.is(b.boot.loader.efi.efiSysMountPoint, "/boot/efi");
});

test("BIOS-only layouts leave EFI support off", () => {
  const partitions = { boot: { size: "1M", type: "EF02" }, root: { size: "100%", content: ext4Root } };
  const b = evalText(emit({ disko: { disks: { main: { device: "/dev/vda", content: { type: "gpt", partitions } } } } }).get("hosts/h/boot.nix")!);
  assert.equal(b.boot.loader.grub, { enable: true });
});

test("partitions disko would reorder get explicit priorities in config order", () => {
  const partitions = { boot: { size: "1M", type: "EF02" }, ESP: { size: "512M", type: "EF00", content: { type: "filesystem", format: "vfat", mountpoint: "/boot" } }, swap: { size: "4G", content: { type: "swap" } }, data: { size: "100%", content: ext4Root } };
  const d = evalText(emit({ disko: { disks: { main: { device: "/dev/vda", content: { type: "gpt", partitions: { ...partitions, data: { size: "20G", content: ext4Root } } } } } } }).get("hosts/h/disko.nix")!);
  const p = d.disko.devices.disk.main.content.partitions;
  assert.equal([p.boot.priority, p.ESP.priority, p.swap.priority, p.data.priority], [100, 200, 300, 400]);
});

test("DEPLOY.md: install, rebuild and OpenTofu commands per host; LUKS keys uploaded at install", () => {
  const deploy = emit({ address: "203.0.113.10", disko: hetznerCloud() }).get("DEPLOY.md")!;
  assert.match(deploy, /^<!-- Generated from infra\.config\.ts by gen-nix\. Do not edit\. -->\n/);
  assert.ok(deploy.includes("nixos-anywhere --flake .#h root@203.0.113.10\n"));
  assert.ok(deploy.includes("nixos-rebuild switch --flake .#h --target-host root@203.0.113.10\n"));
  assert.ok(deploy.includes('nixos_system_attr      = ".#nixosConfigurations.h.config.system.build.toplevel"'));
  assert.ok(deploy.includes('nixos_partitioner_attr = ".#nixosConfigurations.h.config.system.build.diskoScript"'));
  assert.not.match(deploy, /generate-hardware-config/);
  const text = readFileSync(golden("disko-luks", "DEPLOY.md"), "utf8");
  assert.match(text, /--disk-encryption-keys \/tmp\/secret\.key path\/to\/passphrase/);
  assert.match(text, /root@2001:db8::10/);
  assert.match(text, /path {3}= "\/tmp\/secret\.key"/);
});

test("DEPLOY.md: a host without hardware module gets nixos-generate-config, paths from the flake root", () => {
  const partitions = { boot: { size: "1M", type: "EF02" }, root: { size: "100%", content: ext4Root } };
  const deploy = emit({ address: "h.example.com", disko: { disks: { main: { device: "/dev/sda", content: { type: "gpt", partitions } } } } }, "infra").get("DEPLOY.md")!;
  assert.ok(deploy.includes("--generate-hardware-config nixos-generate-config ./infra/hosts/h/hardware-configuration.nix"));
  assert.ok(deploy.includes('`modules: ["./hosts/h/hardware-configuration.nix"]`'));
  assert.ok(deploy.includes('nixos_generate_config_path = "./infra/hosts/h/hardware-configuration.nix"'));
});

test("DEPLOY.md: an address without a layout gets only the rebuild command", () => {
  const deploy = emit({ address: "198.51.100.1", ssh: { port: 2222 } }).get("DEPLOY.md")!;
  assert.ok(deploy.includes('NIX_SSHOPTS="-p 2222" nixos-rebuild switch --flake .#h --target-host root@198.51.100.1\n'));
  assert.not.match(deploy, /nixos-anywhere|tofu/);
});

test.run();
