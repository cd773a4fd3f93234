// Checks of a host's disk layout that the schema cannot make field by field: one root file
// system, unique mountpoints, sizes that fit, the boot partitions GRUB needs, references between
// partitions and the arrays and pools they belong to.
import { formatPath } from "../errors.ts";
import type { Diagnostic } from "../model.ts";
import { REST } from "../schema/disko.ts";
import type { Disko, MdadmContent, PartitionContent } from "../schema/disko.ts";
import { unknownName } from "./check-host.ts";

type Path = (string | number)[];

/** A mounted file system, where the config declares its mountpoint. */
interface Mount {
  mountpoint: string;
  path: Path;
  /** Inside LUKS or on ZFS: GRUB cannot read /boot from it */
  hidden: boolean;
}

const UNITS: Record<string, bigint> = { K: 1n << 10n, M: 1n << 20n, G: 1n << 30n, T: 1n << 40n, P: 1n << 50n };

/** Bytes of a size like "512M" (validated by the schema). */
function sizeBytes(size: string): bigint {
  return BigInt(size.slice(0, -1)) * (UNITS[size.slice(-1)] ?? 1n);
}

/** "1.5 GiB"-style text for messages. */
function human(bytes: bigint): string {
  const units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"];
  let value = Number(bytes);
  let i = 0;
  while (value >= 1024 && i < units.length - 1) {
    value /= 1024;
    i++;
  }
  return `${Number.isInteger(value) ? value : value.toFixed(1)} ${units[i]}`;
}

/** GPT headers and the 1 MiB alignment before the first partition. */
const GPT_OVERHEAD = 2n << 20n;

/** Minimum members per RAID level (mdadm) and per vdev mode (ZFS). */
const RAID_MIN: Record<number, number> = { 0: 2, 1: 2, 5: 3, 6: 4, 10: 2 };
const ZFS_MIN: Record<string, number> = { "": 1, mirror: 2, raidz: 2, raidz2: 3, raidz3: 4 };

class Walk {
  readonly out: Diagnostic[] = [];
  readonly mounts: Mount[] = [];
  readonly arrayMembers = new Map<string, Path[]>();
  readonly poolMembers = new Map<string, Path[]>();
  readonly luksNames = new Map<string, Path>();

  constructor(readonly disko: Disko, readonly at: Path) {}

  error(path: Path, code: string, message: string): void {
    this.out.push({ path: [...this.at, ...path], code, message });
  }

  /** Mounts and references inside a partition's, array's or LUKS container's content. */
  content(content: PartitionContent | MdadmContent, path: Path, hidden: boolean): void {
    switch (content.type) {
      case "filesystem":
        if (content.mountpoint) this.mounts.push({ mountpoint: content.mountpoint, path: [...path, "mountpoint"], hidden });
        return;
      case "btrfs":
        if (content.mountpoint) this.mounts.push({ mountpoint: content.mountpoint, path: [...path, "mountpoint"], hidden });
        for (const [name, sub] of Object.entries(content.subvolumes)) {
          if (sub.mountpoint) this.mounts.push({ mountpoint: sub.mountpoint, path: [...path, "subvolumes", name, "mountpoint"], hidden });
        }
        return;
      case "swap":
        return;
      case "luks":
        this.luks(content.name, [...path, "name"]);
        this.content(content.content, [...path, "content"], true);
        return;
      case "mdraid":
        push(this.arrayMembers, content.name, [...path, "name"]);
        return;
      case "zfs":
        push(this.poolMembers, content.pool, [...path, "pool"]);
        return;
    }
  }

  /** A LUKS name is checked by its schema; here only that it is used once. */
  luks(name: string, path: Path): void {
    const first = this.luksNames.get(name);
    if (first) this.error(path, "duplicate_name", `LUKS name "${name}" is already used by another container; /dev/mapper/${name} can only be one device`);
    else this.luksNames.set(name, path);
  }
}

function push(map: Map<string, Path[]>, key: string, path: Path): void {
  map.set(key, [...(map.get(key) ?? []), path]);
}

/** "100%" only last; fixed sizes within a declared disk size. */
function checkSizes(walk: Walk): void {
  for (const [diskName, disk] of Object.entries(walk.disko.disks)) {
    const partitions = Object.entries(disk.content.partitions);
    const at: Path = ["disks", diskName, "content", "partitions"];
    partitions.forEach(([name, p], i) => {
      if (p.size === REST && i < partitions.length - 1) {
        walk.error([...at, name, "size"], "remainder_not_last", `partition "${name}" takes the rest of the disk ("100%") but is not the last partition; move it to the end or give it a fixed size`);
      }
    });
    if (disk.size === undefined) continue;
    const fixed = partitions.filter(([, p]) => p.size !== REST).reduce((sum, [, p]) => sum + sizeBytes(p.size), 0n);
    const rest = partitions.some(([, p]) => p.size === REST) ? 1n << 20n : 0n;
    const need = fixed + GPT_OVERHEAD + rest;
    if (need > sizeBytes(disk.size)) {
      const what = rest > 0n ? "fixed partitions, the GPT and at least 1 MiB for the 100% partition" : "partitions and the GPT";
      walk.error(["disks", diskName, "size"], "disk_too_small", `the ${what} need ${human(need)}, but disk "${diskName}" has ${human(sizeBytes(disk.size))}: make a partition smaller (or give the last one "100%"), or correct the disk size`);
    }
  }
}

/** Every partition's, array's and pool's contents: fills walk.mounts and the member maps. */
function collect(walk: Walk): void {
  for (const [diskName, disk] of Object.entries(walk.disko.disks)) {
    for (const [name, p] of Object.entries(disk.content.partitions)) {
      if (p.content) walk.content(p.content, ["disks", diskName, "content", "partitions", name, "content"], false);
    }
  }
  for (const [name, array] of Object.entries(walk.disko.mdadm)) walk.content(array.content, ["mdadm", name, "content"], false);
  for (const [name, pool] of Object.entries(walk.disko.zpool)) {
    if (pool.mountpoint) walk.mounts.push({ mountpoint: pool.mountpoint, path: ["zpool", name, "mountpoint"], hidden: true });
    for (const [ds, dataset] of Object.entries(pool.datasets)) {
      if (dataset.mountpoint && dataset.options?.mountpoint !== "none" && dataset.options?.canmount !== "off") {
        walk.mounts.push({ mountpoint: dataset.mountpoint, path: ["zpool", name, "datasets", ds, "mountpoint"], hidden: true });
      }
    }
  }
}

function checkMounts(walk: Walk): void {
  const first = new Map<string, Mount>();
  for (const mount of walk.mounts) {
    const normal = mount.mountpoint.length > 1 ? mount.mountpoint.replace(/\/+$/, "") : mount.mountpoint;
    const earlier = first.get(normal);
    if (earlier) {
      // The path ends in "mountpoint"; name the file system, subvolume or dataset that owns it.
      const where = formatPath([...walk.at, ...earlier.path.slice(0, -1)]);
      walk.error(mount.path, "duplicate_mountpoint", `${normal} is already taken by ${where}; each mountpoint takes one file system: mount this one elsewhere (e.g. /srv/data) or remove its mountpoint`);
    } else {
      first.set(normal, mount);
    }
  }
  const root = first.get("/");
  if (!root) {
    walk.error([], "no_root_filesystem", 'the layout has no file system mounted at "/"; give exactly one filesystem, subvolume or dataset mountpoint "/"');
    return;
  }
  const boot = first.get("/boot") ?? root;
  if (boot.hidden) {
    const why = boot === root ? "/ is" : "/boot is";
    walk.error(boot.path, "boot_unreadable", `${why} encrypted or on ZFS, where GRUB cannot read kernels; add an unencrypted /boot (the EFI system partition, vfat, mounted at /boot)`);
  }
}

function checkMembers(walk: Walk): void {
  const { disko } = walk;
  for (const [name, paths] of walk.arrayMembers) {
    if (Object.hasOwn(disko.mdadm, name)) continue;
    const names = Object.keys(disko.mdadm);
    for (const path of paths) walk.out.push(unknownName([...walk.at, ...path], "unknown_mdadm", "mdadm array", name, names, "mdadm has"));
  }
  for (const [name, array] of Object.entries(disko.mdadm)) {
    const count = walk.arrayMembers.get(name)?.length ?? 0;
    const min = RAID_MIN[array.level] ?? 2;
    if (count < min) {
      walk.error(["mdadm", name], "raid_members", `RAID ${array.level} array "${name}" needs at least ${min} member partitions (content { type: "mdraid", name: "${name}" }); it has ${count}`);
    }
  }
  for (const [name, paths] of walk.poolMembers) {
    if (Object.hasOwn(disko.zpool, name)) continue;
    const names = Object.keys(disko.zpool);
    for (const path of paths) walk.out.push(unknownName([...walk.at, ...path], "unknown_zpool", "ZFS pool", name, names, "zpool has"));
  }
  for (const [name, pool] of Object.entries(disko.zpool)) {
    const count = walk.poolMembers.get(name)?.length ?? 0;
    const min = ZFS_MIN[pool.mode ?? ""] ?? 1;
    if (count < min) {
      const mode = pool.mode ? `a ${pool.mode} pool` : "a pool";
      walk.error(["zpool", name], "zpool_members", `ZFS pool "${name}" is ${mode} and needs at least ${min} member partitions (content { type: "zfs", pool: "${name}" }); it has ${count}`);
    }
  }
}

/** The EFI system partition must be FAT for firmware to read it, and GRUB installs into one. */
function checkEsps(walk: Walk): { bios: boolean; esp: boolean } {
  const { disko } = walk;
  let bios = false;
  let esp = false;
  const esps: Path[] = [];
  const arrays = new Set<string>();
  for (const [diskName, disk] of Object.entries(disko.disks)) {
    for (const [name, p] of Object.entries(disk.content.partitions)) {
      const at: Path = ["disks", diskName, "content", "partitions", name];
      const type = p.type?.toUpperCase();
      if (type === "EF02") bios = true;
      if (type !== "EF00") continue;
      esp = true;
      const content = p.content;
      if (content?.type === "mdraid") {
        const array = disko.mdadm[content.name];
        if (!array || arrays.has(content.name)) continue;
        arrays.add(content.name);
        const fs = array.content;
        if (fs.type !== "filesystem" || fs.format !== "vfat") {
          walk.error(["mdadm", content.name, "content"], "esp_not_vfat", `array "${content.name}" holds an EFI system partition, so it must be a vfat filesystem`);
        } else {
          esps.push(["mdadm", content.name, "content"]);
          if (!fs.mountpoint) walk.error(["mdadm", content.name, "content"], "esp_not_mounted", `the EFI system partition needs a mountpoint (usually /boot) for GRUB to install into`);
        }
        if (array.metadata !== "1.0") {
          walk.error(["mdadm", content.name, "metadata"], "esp_raid_metadata", `array "${content.name}" mirrors an EFI system partition: set metadata "1.0" so the superblock sits at the end and firmware sees plain FAT`);
        }
      } else if (content?.type === "filesystem" && content.format !== "vfat") {
        walk.error([...at, "content", "format"], "esp_not_vfat", `EFI system partition "${name}" (type EF00) is formatted ${content.format}, but firmware reads only FAT: use format "vfat"`);
      } else if (content?.type !== "filesystem") {
        const what = content === undefined ? "has no file system" : `holds ${content.type}`;
        walk.error([...at, "content"], "esp_not_vfat", `EFI system partition "${name}" (type EF00) ${what}; firmware reads only FAT: use content { type: "filesystem", format: "vfat", mountpoint: "/boot" }`);
      } else {
        esps.push([...at, "content"]);
        if (!content.mountpoint) walk.error([...at, "content"], "esp_not_mounted", `the EFI system partition "${name}" needs a mountpoint (usually /boot) for GRUB to install into`);
      }
    }
  }
  for (const path of esps.slice(1)) {
    walk.error(path, "multiple_esps", `GRUB installs into one EFI system partition; mirror them with an mdadm RAID 1 (metadata "1.0") as the raid1 preset does, or drop this one`);
  }
  return { bios, esp };
}

/** Every problem in the layout of the host at `at` (["hosts", name, "disko"]). */
export function checkDisko(disko: Disko, at: Path): Diagnostic[] {
  const walk = new Walk(disko, at);
  checkSizes(walk);
  collect(walk);
  checkMounts(walk);
  checkMembers(walk);
  const { bios, esp } = checkEsps(walk);
  if (!bios && !esp) {
    walk.error(["disks"], "no_boot_partition", 'GRUB needs a BIOS boot partition ({ size: "1M", type: "EF02" }) or an EFI system partition (type "EF00", vfat); the layout has neither');
  }
  return walk.out;
}

/** Kernel names, which can swap between boots when there are several disks. */
const KERNEL_NAME = /^\/dev\/(sd[a-z]+|vd[a-z]+|xvd[a-z]+|hd[a-z]+|nvme\d+n\d+|mmcblk\d+)$/;

/** Warnings: kernel device names on machines with more than one disk. */
export function diskoWarnings(disko: Disko, at: Path): Diagnostic[] {
  const disks = Object.entries(disko.disks);
  if (disks.length < 2) return [];
  return disks
    .filter(([, disk]) => KERNEL_NAME.test(disk.device))
    .map(([name, disk]) => ({
      path: [...at, "disks", name, "device"],
      code: "unstable_device",
      message: `device "${disk.device}" is a kernel name, which can change between boots on a machine with several disks; use its /dev/disk/by-id/… path (ls -l /dev/disk/by-id on the server)`,
    }));
}
