/**
 * `hosts/<host>/disko.nix`: the disk layout as `disko.devices`, written like disko's own examples
 * (nix-community/disko, example/*.nix). It sets nothing else, so the same file also works with
 * the disko command on its own. disko derives fileSystems, swapDevices, boot.initrd.luks.devices,
 * boot.swraid.enable and boot.loader.grub.devices from it.
 *
 * `hosts/<host>/boot.nix`: what the layout needs beyond that — GRUB (BIOS and, with an ESP,
 * UEFI as a removable install), the mdadm config, ZFS's hostId, the qemu-guest profile.
 */
import { n, type NixValue } from "../ast/build.ts";
import type { Binding, Expr } from "../ast/nodes.ts";
import type { ContentModel, DiskoModel, HostModel, LeafModel, MdadmModel, PartitionModel, ZpoolModel } from "@gen-nix/dsl";
import { type GeneratedFile, moduleFile } from "./file.ts";

type Obj = { [key: string]: NixValue | undefined };

function leaf(c: LeafModel): Obj {
  switch (c.type) {
    case "filesystem":
      return { type: "filesystem", format: c.format, extraArgs: c.extraArgs, mountpoint: c.mountpoint, mountOptions: c.mountOptions };
    case "btrfs": {
      const subvolumes = n.set(c.subvolumes.map((s) => n.assign([s.name], { mountpoint: s.mountpoint, mountOptions: s.mountOptions })));
      return {
        type: "btrfs",
        extraArgs: c.extraArgs,
        mountpoint: c.mountpoint,
        mountOptions: c.mountOptions,
        subvolumes: c.subvolumes.length > 0 ? subvolumes : undefined,
      };
    }
    case "swap":
      return { type: "swap", randomEncryption: c.randomEncryption, resumeDevice: c.resumeDevice };
  }
}

function content(c: ContentModel): Obj {
  switch (c.type) {
    case "luks":
      return {
        type: "luks",
        name: c.name,
        passwordFile: c.passwordFile,
        settings: c.allowDiscards === undefined ? undefined : { allowDiscards: c.allowDiscards },
        content: leaf(c.content),
      };
    case "mdraid":
      return { type: "mdraid", name: c.name };
    case "zfs":
      return { type: "zfs", pool: c.pool };
    default:
      return leaf(c);
  }
}

function partition(p: PartitionModel): Binding {
  return n.assign([p.name], n.from({ size: p.size, type: p.type, priority: p.priority, content: p.content && content(p.content) }));
}

/** Attribute sets keyed by name stay sets even with one entry, so the path reads `disk.main = {`. */
const named = <T>(items: readonly T[], name: (x: T) => string, value: (x: T) => NixValue): Expr =>
  n.set(items.map((x) => n.assign([name(x)], value(x))));

/** ZFS properties; a single one folds into the path (`options.ashift = "12";`). */
const pairs = (entries: readonly [string, string][]): Obj | undefined => (entries.length === 0 ? undefined : Object.fromEntries(entries));

function array(a: MdadmModel): Obj {
  return { type: "mdadm", level: a.level, metadata: a.metadata, content: content(a.content) };
}

function zpool(z: ZpoolModel): Obj {
  const datasets = named(z.datasets, (d) => d.name, (d) => ({ type: "zfs_fs", mountpoint: d.mountpoint, options: pairs(d.options), mountOptions: d.mountOptions }));
  return {
    type: "zpool",
    mode: z.mode,
    options: pairs(z.options),
    rootFsOptions: pairs(z.rootFsOptions),
    mountpoint: z.mountpoint,
    datasets: z.datasets.length > 0 ? datasets : undefined,
  };
}

function devices(d: DiskoModel): Expr {
  const disks = named(d.disks, (disk) => disk.name, (disk) => ({
    type: "disk",
    device: disk.device,
    content: { type: "gpt", partitions: n.set(disk.partitions.map(partition)) },
  }));
  return n.from({
    disk: disks,
    mdadm: d.mdadm.length > 0 ? named(d.mdadm, (a) => a.name, array) : undefined,
    zpool: d.zpools.length > 0 ? named(d.zpools, (z) => z.name, zpool) : undefined,
  });
}

export function emitDisko(host: HostModel): GeneratedFile {
  const body = n.set([n.assign(["disko", "devices"], devices(host.disko!))]);
  return moduleFile(`hosts/${host.name}/disko.nix`, body);
}

function grub(d: DiskoModel, blankBefore: boolean): Binding {
  const efi = d.boot.efiMountpoint !== undefined;
  const comments = d.boot.bios
    ? ["disko adds every disk with a BIOS boot partition (EF02) to boot.loader.grub.devices."]
    : ["UEFI only: GRUB goes to the EFI system partition, not to a disk's boot sector."];
  if (efi) comments.push("Installed as the removable EFI/BOOT/BOOTX64.EFI: boots without NVRAM entries.");
  return n.assign(
    ["boot", "loader", "grub"],
    n.set([
      n.assign("enable", true),
      ...(d.boot.bios ? [] : [n.assign("device", "nodev")]),
      ...(efi ? [n.assign("efiSupport", true), n.assign("efiInstallAsRemovable", true)] : []),
    ]),
    { comments, ...(blankBefore && { blankBefore }) },
  );
}

export function emitBoot(host: HostModel): GeneratedFile {
  const d = host.disko!;
  const efiMount = d.boot.efiMountpoint;
  const bindings: Binding[] = [
    ...(d.qemuGuest ? [n.assign("imports", [n.op(n.ident("modulesPath"), "+", n.str("/profiles/qemu-guest.nix"))])] : []),
    grub(d, d.qemuGuest),
    ...(efiMount !== undefined && efiMount !== "/boot" ? [n.assign("boot.loader.efi.efiSysMountPoint", efiMount)] : []),
    ...(d.boot.swraid
      ? [n.assign("boot.swraid.mdadmConf", n.text("MAILADDR root\n"), { comments: ["mdadm wants somewhere to report a failed disk; without it NixOS warns that mdmon will crash."] })]
      : []),
    ...(d.hostId !== undefined
      ? [n.assign("networking.hostId", d.hostId, { comments: ["NixOS's ZFS support requires a host ID; pools record it, so it stays fixed for this host."] })]
      : []),
  ];
  return moduleFile(`hosts/${host.name}/boot.nix`, n.set(bindings));
}
