// Disk layout presets: typed functions returning plain layout data for a host's `disko` field.
// Every layout boots with GRUB from a 1M BIOS boot partition (EF02) and a 512M EFI system
// partition (vfat on /boot), so the same layout boots on BIOS and UEFI machines.
import type { DiskoInput } from "../schema/disko.ts";

type Disk = DiskoInput["disks"][string];
type Partition = Disk["content"]["partitions"][string];
type Content = NonNullable<Partition["content"]>;
type Filesystem = Extract<Content, { type: "filesystem" }>;

/** BIOS boot partition for GRUB's core image; disko adds its disk to boot.loader.grub.devices. */
const biosBoot = (): Partition => ({ size: "1M", type: "EF02" });

/** The ESP as a plain vfat /boot; umask=0077 keeps it readable by root only. */
const espFs = (): Filesystem => ({ type: "filesystem", format: "vfat", mountpoint: "/boot", mountOptions: ["umask=0077"] });

const ESP_SIZE = "512M";

/** The ESP as one half of the mdadm RAID 1 array `boot`, on disks that mirror it. */
const mirroredEsp = (): Content => ({ type: "mdraid", name: "boot" });

/** The partitions every layout's disks have: BIOS boot, the ESP, then `name` with the rest of the disk. */
function bootableDisk(device: string, esp: Content, name: string, rest: Content): Disk {
  return {
    device,
    content: {
      type: "gpt",
      partitions: {
        boot: biosBoot(),
        ESP: { size: ESP_SIZE, type: "EF00", content: esp },
        [name]: { size: "100%", content: rest },
      },
    },
  };
}

/** A single disk: BIOS boot, ESP on /boot, then `root` with the rest of the disk. */
function singleDisk(device: string, root: Content, size?: string): DiskoInput["disks"] {
  return { main: { ...bootableDisk(device, espFs(), "root", root), ...(size !== undefined && { size }) } };
}

export interface HetznerCloudOptions {
  /**
   * Default "/dev/sda": a Hetzner Cloud server has exactly one system disk and it is always
   * sda (virtio-scsi); attached volumes come after it. The name is used only while installing
   * and for GRUB; file systems are mounted by partition label.
   */
  device?: string;
  /** Root file system; default "ext4" */
  format?: "ext4" | "xfs";
  /** The server type's disk, e.g. "40G" for a CX22, to check that the partitions fit */
  size?: string;
}

/**
 * Hetzner Cloud VM (x86 and Arm): GPT with a 1M BIOS boot partition, a 512M ESP on /boot and
 * the rest ext4 on /. Also imports the qemu-guest profile (virtio drivers in the initrd), so the
 * host needs no hardware-configuration.nix.
 *
 * ```ts
 * prod: { disko: hetznerCloud(), address: "203.0.113.10", … }
 * ```
 * ```nix
 * disko.devices.disk.main = { type = "disk"; device = "/dev/sda"; content = { type = "gpt"; … }; };
 * ```
 */
export function hetznerCloud(options: HetznerCloudOptions = {}): DiskoInput {
  const root: Content = { type: "filesystem", format: options.format ?? "ext4", mountpoint: "/" };
  return { disks: singleDisk(options.device ?? "/dev/sda", root, options.size), qemuGuest: true };
}

export interface Raid1Options {
  /** The two disks, best as /dev/disk/by-id/… paths (see `ls -l /dev/disk/by-id` in the rescue system) */
  devices: readonly [string, string];
  /** Root file system; default "ext4" */
  format?: "ext4" | "xfs";
  /** Default false: a dedicated server needs its own hardware-configuration.nix in `modules` */
  qemuGuest?: boolean;
}

/**
 * Two-disk mdadm RAID 1 for dedicated servers (Hetzner robot style): on each disk a BIOS boot
 * partition (GRUB goes onto both disks), an ESP mirrored as array `boot` (metadata 1.0, so
 * firmware still sees FAT) on /boot, and the rest mirrored as array `root` on /. Either disk
 * can fail and the server still boots.
 */
export function raid1(options: Raid1Options): DiskoInput {
  const disk = (device: string): Disk => bootableDisk(device, mirroredEsp(), "root", { type: "mdraid", name: "root" });
  return {
    disks: { disk1: disk(options.devices[0]), disk2: disk(options.devices[1]) },
    mdadm: {
      boot: { level: 1, metadata: "1.0", content: espFs() },
      root: { level: 1, content: { type: "filesystem", format: options.format ?? "ext4", mountpoint: "/" } },
    },
    qemuGuest: options.qemuGuest ?? false,
  };
}

export interface LuksRootOptions {
  device: string;
  /**
   * Where disko reads the passphrase while formatting, on the machine being installed; default
   * "/tmp/secret.key". Upload it with `nixos-anywhere --disk-encryption-keys /tmp/secret.key
   * <local file>`: the passphrase never enters the config or the Nix store. At boot the initrd
   * asks for it on the console.
   */
  passwordFile?: string;
  /** Root file system inside the container; default "ext4" */
  format?: "ext4" | "xfs";
  /** Default false; true on Hetzner Cloud and other QEMU/KVM VMs */
  qemuGuest?: boolean;
}

/**
 * LUKS-encrypted root: BIOS boot, an unencrypted ESP on /boot (kernels and initrd), the rest a
 * LUKS2 container `crypted` holding ext4 on /. TRIM passes through (allowDiscards).
 */
export function luksRoot(options: LuksRootOptions): DiskoInput {
  const root: Content = {
    type: "luks",
    name: "crypted",
    passwordFile: options.passwordFile ?? "/tmp/secret.key",
    allowDiscards: true,
    content: { type: "filesystem", format: options.format ?? "ext4", mountpoint: "/" },
  };
  return { disks: singleDisk(options.device, root), qemuGuest: options.qemuGuest ?? false };
}

export interface BtrfsSubvolumesOptions {
  device: string;
  /** Subvolume name → mountpoint; default { "/root": "/", "/home": "/home", "/nix": "/nix" } */
  subvolumes?: Readonly<Record<string, string>>;
  /** Mount options of every subvolume; default [ "compress=zstd", "noatime" ] */
  mountOptions?: readonly string[];
  /** Default false; true on Hetzner Cloud and other QEMU/KVM VMs */
  qemuGuest?: boolean;
}

/** btrfs with subvolumes for /, /home and /nix, zstd-compressed and without atime updates. */
export function btrfsSubvolumes(options: BtrfsSubvolumesOptions): DiskoInput {
  const mountOptions = [...(options.mountOptions ?? ["compress=zstd", "noatime"])];
  const names = options.subvolumes ?? { "/root": "/", "/home": "/home", "/nix": "/nix" };
  const subvolumes = Object.fromEntries(Object.entries(names).map(([name, mountpoint]) => [name, { mountpoint, mountOptions: [...mountOptions] }]));
  const root: Content = { type: "btrfs", extraArgs: ["-f"], subvolumes };
  return { disks: singleDisk(options.device, root), qemuGuest: options.qemuGuest ?? false };
}

export interface ZfsPoolOptions {
  /** One disk, or several for a mirror (or `mode`) */
  devices: readonly [string, ...string[]];
  /** vdev layout; default "mirror" for several disks */
  mode?: "mirror" | "raidz" | "raidz2" | "raidz3";
  /** networking.hostId (8 hex digits); default derived from the host name */
  hostId?: string;
  /** Default false; true on Hetzner Cloud and other QEMU/KVM VMs */
  qemuGuest?: boolean;
}

/**
 * A ZFS pool `zroot` (zstd, POSIX ACLs, xattr=sa, ashift 12) with datasets root on /, nix on
 * /nix and home on /home. /boot stays on the ESP (GRUB does not read the pool); with several
 * disks the ESPs are mirrored by mdadm as in `raid1`.
 */
export function zfsPool(options: ZfsPoolOptions): DiskoInput {
  const mirrored = options.devices.length > 1;
  const disk = (device: string): Disk => bootableDisk(device, mirrored ? mirroredEsp() : espFs(), "zfs", { type: "zfs", pool: "zroot" });
  const disks = Object.fromEntries(options.devices.map((device, i) => [mirrored ? `disk${i + 1}` : "main", disk(device)]));
  const mode = options.mode ?? (mirrored ? "mirror" : undefined);
  return {
    disks,
    ...(mirrored && { mdadm: { boot: { level: 1, metadata: "1.0", content: espFs() } } }),
    zpool: {
      zroot: {
        ...(mode !== undefined && { mode }),
        options: { ashift: "12" },
        rootFsOptions: { compression: "zstd", acltype: "posixacl", xattr: "sa", mountpoint: "none", "com.sun:auto-snapshot": "false" },
        datasets: { root: { mountpoint: "/" }, nix: { mountpoint: "/nix", options: { atime: "off" } }, home: { mountpoint: "/home" } },
      },
    },
    ...(options.hostId !== undefined && { hostId: options.hostId }),
    qemuGuest: options.qemuGuest ?? false,
  };
}
