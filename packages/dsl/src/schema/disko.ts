// Disk layouts in disko's own vocabulary (nix-community/disko, lib/types/*.nix): disks with a GPT,
// mdadm arrays, ZFS pools. Field names and values are disko's, so the emitted `disko.devices`
// reads like a hand-written one; only a subset is offered, nested the ways servers use it.
import * as z from "zod";
import { type NameRule, absolutePath, checkName, flag, namedRecord, stringRecord } from "./rules.ts";

/** sgdisk sizes as disko takes them, with a unit (a bare number would be sectors). */
export const SIZE = /^[1-9][0-9]*[KMGTP]$/;
/** disko's "the rest of the disk" size. */
export const REST = "100%";

const sizeMessage = (what: string) =>
  `${what} must be a whole number with a unit K, M, G, T or P (powers of 1024), e.g. "512M" or "40G"`;

/** Partition size: "512M", or "100%" for the rest of the disk (only on the last partition). */
const PartitionSizeSchema = z.string().superRefine((size, ctx) => {
  if (size !== REST && !SIZE.test(size)) flag(ctx, [], "invalid_size", `${sizeMessage("size")}, or "100%" for the rest of the disk`);
});

/** A declared disk size, for the fit check only. */
const DiskSizeSchema = z.string().superRefine((size, ctx) => {
  if (!SIZE.test(size)) flag(ctx, [], "invalid_size", sizeMessage("a disk size"));
});

/** disko names (disks, partitions, arrays, pools, LUKS mappings) end up in device paths and labels. */
const diskoName = (what: string): NameRule => ({
  what,
  pattern: /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,35}$/,
  hint: "letters, digits, '_', '.' or '-' (not starting with '.' or '-'), at most 36 characters",
});

const LUKS_NAME = diskoName("LUKS");

/** A record keyed by disko names. */
const diskoRecord = <T extends z.ZodType>(value: T, what: string) => namedRecord(value, diskoName(what));

const MountOptionsSchema = z.array(z.string().regex(/^[^\s,]+$/, { error: "a mount option is one word without spaces or commas" }));

/** A formatted file system → disko `type = "filesystem"`, NixOS fileSystems.<mountpoint>. */
export const FilesystemSchema = z.strictObject({
  type: z.literal("filesystem"),
  /** mkfs.<format> → format, fileSystems.<mountpoint>.fsType */
  format: z.enum(["ext4", "vfat", "xfs", "btrfs", "f2fs", "ext3", "ext2"]),
  /** Absolute path → mountpoint; none leaves it unmounted */
  mountpoint: absolutePath().optional(),
  /** → mountOptions (disko's default is [ "defaults" ]) */
  mountOptions: MountOptionsSchema.optional(),
  /** Arguments for mkfs → extraArgs */
  extraArgs: z.array(z.string()).optional(),
});

/** One btrfs subvolume (key = subvolume name, e.g. "/root" or "@home"). */
export const SubvolumeSchema = z.strictObject({
  /** → subvolumes.<name>.mountpoint */
  mountpoint: absolutePath().optional(),
  /** → subvolumes.<name>.mountOptions, e.g. [ "compress=zstd", "noatime" ] */
  mountOptions: MountOptionsSchema.optional(),
});

const SUBVOLUME_NAME: NameRule = {
  what: "subvolume",
  pattern: /^\/?[A-Za-z0-9_@][A-Za-z0-9_@.-]*(\/[A-Za-z0-9_@][A-Za-z0-9_@.-]*)*$/,
  hint: `path segments of letters, digits, '_', '@', '.' or '-', e.g. "/home" or "@nix"`,
};

/** A btrfs file system with subvolumes → disko `type = "btrfs"`. */
export const BtrfsSchema = z.strictObject({
  type: z.literal("btrfs"),
  /** Arguments for mkfs.btrfs → extraArgs, e.g. [ "-f" ] */
  extraArgs: z.array(z.string()).optional(),
  /** Mounts the top-level volume → mountpoint */
  mountpoint: absolutePath().optional(),
  /** → mountOptions of the top-level volume */
  mountOptions: MountOptionsSchema.optional(),
  /** Key = subvolume name → subvolumes.<name> */
  subvolumes: namedRecord(SubvolumeSchema, SUBVOLUME_NAME).default({}),
});

/** A swap partition → disko `type = "swap"`, NixOS swapDevices. */
export const SwapSchema = z.strictObject({
  type: z.literal("swap"),
  /** Encrypt with a fresh random key at every boot → randomEncryption */
  randomEncryption: z.boolean().optional(),
  /** Hibernate to this swap → resumeDevice (boot.resumeDevice) */
  resumeDevice: z.boolean().optional(),
});

/** What a LUKS container or an mdadm array holds. */
const LeafSchema = z.discriminatedUnion("type", [FilesystemSchema, BtrfsSchema, SwapSchema]);

/**
 * A LUKS2 container → disko `type = "luks"`; disko also sets boot.initrd.luks.devices.<name>,
 * so the initrd asks for the passphrase at boot (on the console).
 */
export const LuksSchema = z.strictObject({
  type: z.literal("luks"),
  /** Mapping name: the opened device is /dev/mapper/<name> → name */
  name: z.string().superRefine((name, ctx) => checkName(ctx, [], name, LUKS_NAME)),
  /**
   * File holding the passphrase while disko formats, on the machine being installed (not in the
   * Nix store): nixos-anywhere uploads it with `--disk-encryption-keys <path> <local file>`
   * → passwordFile. Without it disko asks for the passphrase during the install.
   */
  passwordFile: absolutePath().optional(),
  /** Pass TRIM through to the SSD (reveals which blocks are in use) → settings.allowDiscards */
  allowDiscards: z.boolean().optional(),
  /** The file system inside → content */
  content: LeafSchema,
});

/** Member of an mdadm array (see `mdadm`) → disko `type = "mdraid"`. */
export const MdraidSchema = z.strictObject({
  type: z.literal("mdraid"),
  /** The array, a key of `mdadm` → name */
  name: z.string(),
});

/** Member of a ZFS pool (see `zpool`) → disko `type = "zfs"`. */
export const ZfsMemberSchema = z.strictObject({
  type: z.literal("zfs"),
  /** The pool, a key of `zpool` → pool */
  pool: z.string(),
});

export const PartitionContentSchema = z.discriminatedUnion("type", [
  FilesystemSchema,
  BtrfsSchema,
  SwapSchema,
  LuksSchema,
  MdraidSchema,
  ZfsMemberSchema,
]);

/** GPT type codes: sgdisk's 4 hex digits (EF02 BIOS boot, EF00 ESP, 8300 Linux, FD00 RAID) or a GUID. */
const TYPE_CODE = /^([0-9A-Fa-f]{4}|[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12})$/;

/** One GPT partition (key = partition name, part of its label `disk-<disk>-<name>`). */
export const PartitionSchema = z.strictObject({
  /** → size: "512M", or "100%" for the rest of the disk (last partition only) */
  size: PartitionSizeSchema,
  /** GPT type code → type: "EF02" BIOS boot (GRUB), "EF00" EFI system partition; disko defaults to 8300 (8200 for swap) */
  type: z
    .string()
    .regex(TYPE_CODE, { error: 'type must be a 4-digit sgdisk code such as "EF00" or "EF02", or a partition type GUID' })
    .optional(),
  /** → content; none for a BIOS boot partition */
  content: PartitionContentSchema.optional(),
});

/** A GPT partition table → disko `type = "gpt"`. */
export const GptSchema = z.strictObject({
  type: z.literal("gpt"),
  /** Key = partition name, in disk order → partitions.<name> */
  partitions: diskoRecord(PartitionSchema, "partition"),
});

/** One physical disk (key = disk name) → disko.devices.disk.<name>. */
export const DiskSchema = z.strictObject({
  /**
   * → device. Prefer a stable `/dev/disk/by-id/…` path: kernel names (`/dev/sda`, `/dev/nvme0n1`)
   * can swap between boots when a machine has several disks.
   */
  device: z.string().superRefine((device, ctx) => {
    if (!/^\/dev\/[^\s]+$/.test(device)) flag(ctx, [], "invalid_device", `device "${device}" must be a path under /dev/, e.g. /dev/disk/by-id/…`);
  }),
  /** The disk's capacity, e.g. "40G": not emitted, only used to check that fixed partition sizes fit */
  size: DiskSizeSchema.optional(),
  /** → content */
  content: GptSchema,
});

/** What an mdadm array holds. */
const MdadmContentSchema = z.discriminatedUnion("type", [FilesystemSchema, BtrfsSchema, SwapSchema, LuksSchema]);

/** A Linux software RAID array (key = array name, /dev/md/<name>) → disko.devices.mdadm.<name>. */
export const MdadmSchema = z.strictObject({
  /** RAID level → level; default 1 (mirror) */
  level: z.union([z.literal(0), z.literal(1), z.literal(5), z.literal(6), z.literal(10)]).default(1),
  /**
   * Superblock format → metadata. "1.0" keeps the superblock at the end, so firmware sees an
   * ESP member as a plain FAT partition: needed for a mirrored /boot.
   */
  metadata: z.enum(["1.0", "1.1", "1.2"]).optional(),
  /** → content */
  content: MdadmContentSchema,
});

/** One ZFS dataset (key = dataset name below the pool, e.g. "root" or "root/home"). */
export const DatasetSchema = z.strictObject({
  /** → datasets.<name>.mountpoint (mounted with zfsutil) */
  mountpoint: absolutePath().optional(),
  /** ZFS properties → datasets.<name>.options, e.g. { compression: "zstd" } */
  options: stringRecord(z.string()).optional(),
  /** → datasets.<name>.mountOptions */
  mountOptions: MountOptionsSchema.optional(),
});

const DATASET_NAME: NameRule = {
  what: "dataset",
  pattern: /^[A-Za-z0-9_][A-Za-z0-9_.:-]*(\/[A-Za-z0-9_][A-Za-z0-9_.:-]*)*$/,
  hint: "'/'-separated segments of letters, digits, '_', '.', ':' or '-'",
};

/** A ZFS pool (key = pool name) → disko.devices.zpool.<name>; members are partitions of type zfs. */
export const ZpoolSchema = z.strictObject({
  /** vdev layout of all members → mode; omitted: striped, no redundancy */
  mode: z.enum(["mirror", "raidz", "raidz2", "raidz3"]).optional(),
  /** Pool properties → options, e.g. { ashift: "12" } */
  options: stringRecord(z.string()).optional(),
  /** Properties of the pool's root dataset, inherited below → rootFsOptions */
  rootFsOptions: stringRecord(z.string()).optional(),
  /** Mounts the pool's root dataset → mountpoint */
  mountpoint: absolutePath().optional(),
  /** Key = dataset name → datasets.<name> (type = "zfs_fs") */
  datasets: namedRecord(DatasetSchema, DATASET_NAME).default({}),
});

/**
 * How the host's disks are partitioned and formatted → `hosts/<host>/disko.nix` (disko.devices),
 * plus the boot loader that follows from it in `hosts/<host>/boot.nix`. Build one with a preset
 * (`hetznerCloud`, `raid1`, `luksRoot`, `btrfsSubvolumes`, `zfsPool`) or write it out.
 */
export const DiskoSchema = z.strictObject({
  /** Key = disk name → disko.devices.disk.<name> */
  disks: diskoRecord(DiskSchema, "disk"),
  /** Key = array name → disko.devices.mdadm.<name> */
  mdadm: diskoRecord(MdadmSchema, "mdadm array").default({}),
  /** Key = pool name → disko.devices.zpool.<name> */
  zpool: diskoRecord(ZpoolSchema, "zpool").default({}),
  /**
   * 8 hex digits → networking.hostId, which ZFS requires. Default for layouts with a pool: the
   * first 8 hex digits of the SHA-256 of the host name (stable; set it to keep it across a rename).
   */
  hostId: z.string().regex(/^[0-9a-f]{8}$/, { error: 'hostId must be 8 lowercase hex digits, e.g. "8425e349"' }).optional(),
  /**
   * The machine is a QEMU/KVM guest (Hetzner Cloud, most VPS): imports nixpkgs' qemu-guest
   * profile, whose virtio drivers the initrd needs to find the disk → boot.nix
   * `imports = [ (modulesPath + "/profiles/qemu-guest.nix") ]`. Default false.
   */
  qemuGuest: z.boolean().default(false),
});
export type Disko = z.output<typeof DiskoSchema>;
/** What a layout (or a preset's result) looks like in `infra.config.ts`. */
export type DiskoInput = z.input<typeof DiskoSchema>;
export type DiskPartition = z.output<typeof PartitionSchema>;
export type PartitionContent = z.output<typeof PartitionContentSchema>;
export type MdadmContent = z.output<typeof MdadmContentSchema>;
