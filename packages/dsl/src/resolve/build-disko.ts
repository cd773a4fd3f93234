// A validated disk layout → DiskoModel: records become lists in config order, the boot
// loader's needs are derived, and partitions get a priority only where disko would reorder them.
import { nodeCrypto } from "../lazy-node.ts";
import type { BootModel, ContentModel, DiskModel, DiskoModel, LeafModel, LuksModel, MdadmModel, PartitionModel } from "../model-disko.ts";
import { REST } from "../schema/disko.ts";
import type { DiskPartition, Disko, MdadmContent, PartitionContent } from "../schema/disko.ts";

/** disko's default partition priority (lib/types/gpt.nix): EF02 first, "100%" last. */
function defaultPriority(p: DiskPartition): number {
  if (p.size === REST) return 9001;
  return p.type?.toUpperCase() === "EF02" ? 100 : 1000;
}

/**
 * disko creates partitions sorted by priority, then by name (attribute order). When that differs
 * from the order in the config, every partition gets an explicit priority in config order.
 */
function buildPartitions(partitions: Record<string, DiskPartition>): PartitionModel[] {
  const entries = Object.entries(partitions);
  const byName = [...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const diskoOrder = byName.map((e, i) => ({ e, i })).sort((x, y) => defaultPriority(x.e[1]) - defaultPriority(y.e[1]) || x.i - y.i);
  const reordered = diskoOrder.some(({ e }, i) => e[0] !== entries[i]![0]);
  return entries.map(([name, p], i) => ({
    name,
    size: p.size,
    ...(p.type !== undefined && { type: p.type.toUpperCase() }),
    ...(reordered && { priority: (i + 1) * 100 }),
    ...(p.content !== undefined && { content: buildContent(p.content) }),
  }));
}

type Leaf = Extract<PartitionContent, { type: "filesystem" | "btrfs" | "swap" }>;

function buildLeaf(c: Leaf): LeafModel {
  if (c.type !== "btrfs") return { ...c };
  return { ...c, subvolumes: Object.entries(c.subvolumes).map(([name, s]) => ({ name, ...s })) };
}

function buildContent(c: PartitionContent | MdadmContent): ContentModel {
  switch (c.type) {
    case "luks": {
      const luks: LuksModel = { ...c, content: buildLeaf(c.content) };
      return luks;
    }
    case "mdraid":
    case "zfs":
      return { ...c };
    default:
      return buildLeaf(c);
  }
}

/** Collects LUKS passphrase files (install-time uploads), in layout order, once each. */
function passwordFiles(model: Omit<DiskoModel, "passwordFiles" | "boot" | "qemuGuest">): string[] {
  const files: string[] = [];
  const visit = (c: ContentModel | undefined): void => {
    if (c?.type === "luks" && c.passwordFile !== undefined && !files.includes(c.passwordFile)) files.push(c.passwordFile);
  };
  for (const disk of model.disks) for (const p of disk.partitions) visit(p.content);
  for (const array of model.mdadm) visit(array.content);
  return files;
}

function buildBoot(disks: DiskModel[], mdadm: MdadmModel[]): BootModel {
  const partitions = disks.flatMap((d) => d.partitions);
  const esp = partitions.find((p) => p.type === "EF00");
  const espContent = esp?.content;
  const espFs = espContent?.type === "mdraid" ? mdadm.find((a) => a.name === espContent.name)?.content : espContent;
  return {
    bios: partitions.some((p) => p.type === "EF02"),
    ...(espFs?.type === "filesystem" && espFs.mountpoint !== undefined && { efiMountpoint: espFs.mountpoint }),
    swraid: mdadm.length > 0,
  };
}

/** ZFS needs networking.hostId; unless given, it is derived from the host name, so it is stable. */
function defaultHostId(hostName: string): string {
  return nodeCrypto().createHash("sha256").update(hostName).digest("hex").slice(0, 8);
}

export function buildDisko(hostName: string, disko: Disko): DiskoModel {
  const disks: DiskModel[] = Object.entries(disko.disks).map(([name, d]) => ({
    name,
    device: d.device,
    partitions: buildPartitions(d.content.partitions),
  }));
  const mdadm: MdadmModel[] = Object.entries(disko.mdadm).map(([name, a]) => ({
    name,
    level: a.level,
    ...(a.metadata !== undefined && { metadata: a.metadata }),
    content: buildContent(a.content) as LeafModel | LuksModel,
  }));
  const zpools = Object.entries(disko.zpool).map(([name, z]) => ({
    name,
    ...(z.mode !== undefined && { mode: z.mode }),
    options: Object.entries(z.options ?? {}),
    rootFsOptions: Object.entries(z.rootFsOptions ?? {}),
    ...(z.mountpoint !== undefined && { mountpoint: z.mountpoint }),
    datasets: Object.entries(z.datasets).map(([ds, d]) => ({
      name: ds,
      ...(d.mountpoint !== undefined && { mountpoint: d.mountpoint }),
      options: Object.entries(d.options ?? {}),
      ...(d.mountOptions !== undefined && { mountOptions: d.mountOptions }),
    })),
  }));
  const base = { disks, mdadm, zpools };
  const hostId = disko.hostId ?? (zpools.length > 0 ? defaultHostId(hostName) : undefined);
  return {
    ...base,
    boot: buildBoot(disks, mdadm),
    qemuGuest: disko.qemuGuest,
    ...(hostId !== undefined && { hostId }),
    passwordFiles: passwordFiles(base),
  };
}
