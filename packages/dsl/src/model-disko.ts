// The resolved disk layout of a host (HostModel.disko): disko's vocabulary, config order kept,
// records turned into lists. Emitters write `disko.devices` from it and pick the boot loader
// from `boot`.

export interface DiskoModel {
  /** → disko.devices.disk.<name> */
  disks: DiskModel[];
  /** → disko.devices.mdadm.<name> */
  mdadm: MdadmModel[];
  /** → disko.devices.zpool.<name> */
  zpools: ZpoolModel[];
  /** What the layout needs from the boot loader and initrd → hosts/<host>/boot.nix */
  boot: BootModel;
  /** → imports = [ (modulesPath + "/profiles/qemu-guest.nix") ] */
  qemuGuest: boolean;
  /** 8 hex digits → networking.hostId; present when the layout has a ZFS pool */
  hostId?: string;
  /** LUKS passphrase files disko reads while formatting; nixos-anywhere uploads them */
  passwordFiles: string[];
}

export interface BootModel {
  /** Some disk has an EF02 partition; disko adds each such disk to boot.loader.grub.devices */
  bios: boolean;
  /** Where the EFI system partition is mounted, when there is one → efiSupport, efiSysMountPoint */
  efiMountpoint?: string;
  /** The layout has mdadm arrays → boot.swraid.mdadmConf (disko sets boot.swraid.enable) */
  swraid: boolean;
}

/** A physical disk with a GPT. */
export interface DiskModel {
  name: string;
  device: string;
  /** Config order, which is also disk order */
  partitions: PartitionModel[];
}

export interface PartitionModel {
  name: string;
  /** "512M" or "100%" */
  size: string;
  /** GPT type code, e.g. "EF02" */
  type?: string;
  /** Set only when disko's own order (by priority, then name) would differ from config order */
  priority?: number;
  content?: ContentModel;
}

export interface FilesystemModel {
  type: "filesystem";
  format: string;
  mountpoint?: string;
  mountOptions?: string[];
  extraArgs?: string[];
}

export interface BtrfsModel {
  type: "btrfs";
  extraArgs?: string[];
  mountpoint?: string;
  mountOptions?: string[];
  subvolumes: { name: string; mountpoint?: string; mountOptions?: string[] }[];
}

export interface SwapModel {
  type: "swap";
  randomEncryption?: boolean;
  resumeDevice?: boolean;
}

export type LeafModel = FilesystemModel | BtrfsModel | SwapModel;

export interface LuksModel {
  type: "luks";
  name: string;
  passwordFile?: string;
  allowDiscards?: boolean;
  content: LeafModel;
}

export type ContentModel = LeafModel | LuksModel | { type: "mdraid"; name: string } | { type: "zfs"; pool: string };

export interface MdadmModel {
  name: string;
  level: number;
  metadata?: string;
  content: LeafModel | LuksModel;
}

export interface ZpoolModel {
  name: string;
  mode?: string;
  /** Config order */
  options: [string, string][];
  rootFsOptions: [string, string][];
  mountpoint?: string;
  datasets: { name: string; mountpoint?: string; options: [string, string][]; mountOptions?: string[] }[];
}
