// Disk layouts: the presets resolve cleanly, and every disko error and warning has its code,
// the path of the offending field and a message that says what to do.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { btrfsSubvolumes, hetznerCloud, luksRoot, raid1, resolveInfra, zfsPool, type DiskoInput } from "../src/index.ts";
import { issuesOf, only } from "./helpers.ts";

type Obj = Record<string, unknown>;
const AT = ["hosts", "vps", "disko"];

function config(disko: unknown, host: Obj = {}, over: Obj = {}): Obj {
  return { hosts: { vps: { stateVersion: "26.05", disko, ...host } }, ...over };
}

const ext4Root = { type: "filesystem", format: "ext4", mountpoint: "/" };
const esp = { size: "512M", type: "EF00", content: { type: "filesystem", format: "vfat", mountpoint: "/boot" } };

/** One disk `main` with these partitions. */
function layout(partitions: Obj, disk: Obj = {}, rest: Obj = {}): Obj {
  return { disks: { main: { device: "/dev/sda", content: { type: "gpt", partitions }, ...disk } }, ...rest };
}

/** A preset's result as loose data, to break it on purpose. */
const plain = (layout: DiskoInput): any => JSON.parse(JSON.stringify(layout));

const PARTS = [...AT, "disks", "main", "content", "partitions"];

function expectIssue(cfg: unknown, code: string, path: (string | number)[], message: RegExp): void {
  const issue = only(issuesOf(cfg), code);
  assert.equal(issue.path, path);
  assert.match(issue.message, message);
}

test("every preset resolves without errors or warnings", () => {
  const presets: DiskoInput[] = [
    hetznerCloud(),
    hetznerCloud({ device: "/dev/sdb", format: "xfs", size: "80G" }),
    raid1({ devices: ["/dev/disk/by-id/a", "/dev/disk/by-id/b"] }),
    luksRoot({ device: "/dev/vda" }),
    btrfsSubvolumes({ device: "/dev/nvme0n1" }),
    zfsPool({ devices: ["/dev/disk/by-id/a"] }),
    zfsPool({ devices: ["/dev/disk/by-id/a", "/dev/disk/by-id/b", "/dev/disk/by-id/c"], mode: "raidz" }),
  ];
  for (const disko of presets) {
    const model = resolveInfra(config(disko));
    assert.ok(model.hosts[0]!.disko, JSON.stringify(disko));
    assert.equal(model.warnings, []);
  }
});

test("the boot model follows the layout: BIOS boot, ESP mountpoint, mdadm", () => {
  const cloud = resolveInfra(config(hetznerCloud())).hosts[0]!.disko!;
  assert.equal(cloud.boot, { bios: true, efiMountpoint: "/boot", swraid: false });
  assert.is(cloud.qemuGuest, true);
  const mirror = resolveInfra(config(raid1({ devices: ["/dev/disk/by-id/a", "/dev/disk/by-id/b"] }))).hosts[0]!.disko!;
  assert.equal(mirror.boot, { bios: true, efiMountpoint: "/boot", swraid: true });
  const efiOnly = resolveInfra(config(layout({ ESP: { ...esp, content: { ...esp.content, mountpoint: "/boot/efi" } }, root: { size: "100%", content: ext4Root } })));
  assert.equal(efiOnly.hosts[0]!.disko!.boot, { bios: false, efiMountpoint: "/boot/efi", swraid: false });
});

test("ZFS hostId: derived from the host name (stable, 8 hex digits) unless given; none without a pool", () => {
  const derived = resolveInfra(config(zfsPool({ devices: ["/dev/disk/by-id/a"] }))).hosts[0]!.disko!.hostId!;
  assert.match(derived, /^[0-9a-f]{8}$/);
  assert.is(resolveInfra(config(zfsPool({ devices: ["/dev/disk/by-id/a"] }))).hosts[0]!.disko!.hostId, derived);
  const other = resolveInfra({ hosts: { other: { stateVersion: "26.05", disko: zfsPool({ devices: ["/dev/disk/by-id/a"] }) } } });
  assert.not.equal(other.hosts[0]!.disko!.hostId, derived);
  const given = resolveInfra(config(zfsPool({ devices: ["/dev/disk/by-id/a"], hostId: "0badcafe" })));
  assert.is(given.hosts[0]!.disko!.hostId, "0badcafe");
  assert.is(resolveInfra(config(hetznerCloud())).hosts[0]!.disko!.hostId, undefined);
});

test("partitions keep config order: a priority is set only where disko would reorder them", () => {
  const inOrder = resolveInfra(config(hetznerCloud())).hosts[0]!.disko!.disks[0]!.partitions;
  assert.equal(inOrder.map((p) => p.priority), [undefined, undefined, undefined]);
  // disko sorts equal priorities by name: "data" would come before "swap".
  const parts = { boot: { size: "1M", type: "EF02" }, ESP: esp, swap: { size: "4G", content: { type: "swap" } }, data: { size: "100%", content: ext4Root } };
  const reordered = resolveInfra(config(layout({ ...parts, data: { size: "10G", content: ext4Root } }))).hosts[0]!.disko!.disks[0]!.partitions;
  assert.equal(reordered.map((p) => [p.name, p.priority]), [["boot", 100], ["ESP", 200], ["swap", 300], ["data", 400]]);
});

test("LUKS passphrase files are collected for the install command", () => {
  const d = resolveInfra(config(luksRoot({ device: "/dev/sda", passwordFile: "/tmp/disk.key" }))).hosts[0]!.disko!;
  assert.equal(d.passwordFiles, ["/tmp/disk.key"]);
});

test("invalid_size: sizes need a unit; 100% only as a partition size", () => {
  expectIssue(config(layout({ root: { size: "20", content: ext4Root } })), "invalid_size", [...PARTS, "root", "size"], /unit K, M, G, T or P.*"100%"/);
  expectIssue(config(layout({ root: { size: "1.5G", content: ext4Root } })), "invalid_size", [...PARTS, "root", "size"], /whole number/);
  expectIssue(config(layout({ boot: { size: "1M", type: "EF02" }, root: { size: "100%", content: ext4Root } }, { size: "100%" })), "invalid_size", [...AT, "disks", "main", "size"], /disk size/);
});

test("remainder_not_last: 100% must be the last partition of its disk", () => {
  const cfg = config(layout({ boot: { size: "1M", type: "EF02" }, root: { size: "100%", content: ext4Root }, swap: { size: "4G", content: { type: "swap" } } }));
  expectIssue(cfg, "remainder_not_last", [...PARTS, "root", "size"], /"root" takes the rest.*not the last/);
});

test("disk_too_small: fixed sizes plus the GPT must fit a declared disk size", () => {
  const parts = { boot: { size: "1M", type: "EF02" }, ESP: esp, swap: { size: "8G", content: { type: "swap" } }, root: { size: "100%", content: ext4Root } };
  expectIssue(config(layout(parts, { size: "8G" })), "disk_too_small", [...AT, "disks", "main", "size"], /need 8\.5 GiB, but disk "main" has 8 GiB: make a partition smaller .*or correct the disk size/);
  assert.ok(resolveInfra(config(layout(parts, { size: "10G" }))));
  expectIssue(config(hetznerCloud({ size: "512M" })), "disk_too_small", [...AT, "disks", "main", "size"], /has 512 MiB/);
});

test("invalid_device: devices are paths under /dev/", () => {
  expectIssue(config(layout({ ESP: esp, root: { size: "100%", content: ext4Root } }, { device: "sda" })), "invalid_device", [...AT, "disks", "main", "device"], /under \/dev\//);
});

test("unstable_device: a warning for kernel names only when the machine has several disks", () => {
  const two = resolveInfra(config(raid1({ devices: ["/dev/nvme0n1", "/dev/disk/by-id/nvme-b"] })));
  assert.equal(two.warnings.map((w) => [w.code, w.path]), [["unstable_device", [...AT, "disks", "disk1", "device"]]]);
  assert.match(two.warnings[0]!.message, /\/dev\/nvme0n1.*by-id/);
  assert.equal(resolveInfra(config(hetznerCloud())).warnings, []);
});

test("invalid_name: disk, partition and LUKS names", () => {
  const badDisk = { disks: { "my disk": { device: "/dev/sda", content: { type: "gpt", partitions: { ESP: esp, root: { size: "100%", content: ext4Root } } } } } };
  expectIssue(config(badDisk), "invalid_name", [...AT, "disks", "my disk"], /disk name "my disk"/);
  expectIssue(config(layout({ ESP: esp, "-root": { size: "100%", content: ext4Root } })), "invalid_name", [...PARTS, "-root"], /partition name "-root"/);
  const luks = { type: "luks", name: "crypt root", content: ext4Root };
  expectIssue(config(layout({ ESP: esp, root: { size: "100%", content: luks } })), "invalid_name", [...PARTS, "root", "content", "name"], /LUKS name "crypt root"/);
});

test("duplicate_name: two LUKS containers with one mapping name", () => {
  const luks = (mountpoint: string) => ({ type: "luks", name: "crypted", content: { ...ext4Root, mountpoint } });
  const cfg = config(layout({ ESP: esp, a: { size: "10G", content: luks("/") }, b: { size: "100%", content: luks("/srv") } }));
  expectIssue(cfg, "duplicate_name", [...PARTS, "b", "content", "name"], /\/dev\/mapper\/crypted/);
});

test("no_root_filesystem: nothing mounted at /", () => {
  expectIssue(config(layout({ ESP: esp, data: { size: "100%", content: { ...ext4Root, mountpoint: "/srv" } } })), "no_root_filesystem", AT, /no file system mounted at "\/"/);
});

test("duplicate_mountpoint: a second / (or any mountpoint) names the first", () => {
  const cfg = config(layout({ ESP: esp, a: { size: "10G", content: ext4Root }, b: { size: "100%", content: { type: "btrfs", subvolumes: { "/root": { mountpoint: "/" } } } } }));
  expectIssue(cfg, "duplicate_mountpoint", [...PARTS, "b", "content", "subvolumes", "/root", "mountpoint"], /\/ is already taken by hosts\.vps\.disko\.disks\.main\.content\.partitions\.a\.content; .*: mount this one elsewhere/);
  const twice = config(layout({ ESP: esp, root: { size: "10G", content: ext4Root }, other: { size: "100%", content: { ...ext4Root, mountpoint: "/boot/" } } }));
  expectIssue(twice, "duplicate_mountpoint", [...PARTS, "other", "content", "mountpoint"], /\/boot is already taken by /);
});

test("boot_unreadable: / encrypted or on ZFS without an unencrypted /boot", () => {
  const luks = { type: "luks", name: "crypted", content: ext4Root };
  expectIssue(config(layout({ boot: { size: "1M", type: "EF02" }, root: { size: "100%", content: luks } })), "boot_unreadable", [...PARTS, "root", "content", "content", "mountpoint"], /\/ is encrypted or on ZFS.*unencrypted \/boot/);
  const zfs = layout({ boot: { size: "1M", type: "EF02" }, zfs: { size: "100%", content: { type: "zfs", pool: "zroot" } } }, {}, { zpool: { zroot: { datasets: { root: { mountpoint: "/" } } } } });
  expectIssue(config(zfs), "boot_unreadable", [...AT, "zpool", "zroot", "datasets", "root", "mountpoint"], /GRUB cannot read/);
});

test("unknown_mdadm and raid_members: mdraid members name an array that has enough of them", () => {
  const cfg = plain(raid1({ devices: ["/dev/disk/by-id/a", "/dev/disk/by-id/b"] }));
  const oneDisk = { ...cfg, disks: { disk1: cfg.disks.disk1 } };
  const issues = issuesOf(config(oneDisk));
  const members = issues.filter((d) => d.code === "raid_members");
  assert.equal(members.map((d) => d.path), [[...AT, "mdadm", "boot"], [...AT, "mdadm", "root"]]);
  assert.match(members[0]!.message, /RAID 1 array "boot" needs at least 2 member partitions.*it has 1/);
  const typo = layout({ ESP: esp, root: { size: "100%", content: { type: "mdraid", name: "raid" } } }, {}, { mdadm: { root: { content: ext4Root } } });
  const all = issuesOf(config(typo));
  const unknown = only(all, "unknown_mdadm");
  assert.equal(unknown.path, [...PARTS, "root", "content", "name"]);
  assert.match(unknown.message, /unknown mdadm array "raid"; mdadm has: root/);
});

test("unknown_zpool and zpool_members: zfs members name a pool; a mirror needs two", () => {
  const single = plain(zfsPool({ devices: ["/dev/disk/by-id/a"] }));
  const mirror = { ...single, zpool: { zroot: { ...single.zpool.zroot, mode: "mirror" } } };
  expectIssue(config(mirror), "zpool_members", [...AT, "zpool", "zroot"], /mirror pool and needs at least 2.*it has 1/);
  const typo = { ...single, zpool: { tank: single.zpool.zroot } };
  const issues = issuesOf(config(typo));
  assert.equal(only(issues, "unknown_zpool").path, [...AT, "disks", "main", "content", "partitions", "zfs", "content", "pool"]);
  // A near miss gets the usual suggestion.
  const misspelt = only(issuesOf(config({ ...single, zpool: { zrot: single.zpool.zroot } })), "unknown_zpool");
  assert.equal([misspelt.message, misspelt.suggestion], ['unknown ZFS pool "zroot"; zpool has: zrot', "zrot"]);
  assert.match(only(issues, "zpool_members").message, /"tank".*it has 0/);
});

test("esp_not_vfat: an EFI system partition must be FAT, also inside a mirror", () => {
  const ext4Esp = { ...esp, content: { ...esp.content, format: "ext4" } };
  expectIssue(config(layout({ ESP: ext4Esp, root: { size: "100%", content: ext4Root } })), "esp_not_vfat", [...PARTS, "ESP", "content", "format"], /is formatted ext4, but firmware reads only FAT: use format "vfat"/);
  expectIssue(config(layout({ ESP: { size: "512M", type: "EF00" }, root: { size: "100%", content: ext4Root } })), "esp_not_vfat", [...PARTS, "ESP", "content"], /has no file system/);
  const mirror = plain(raid1({ devices: ["/dev/disk/by-id/a", "/dev/disk/by-id/b"] }));
  const bad = { ...mirror, mdadm: { ...mirror.mdadm, boot: { level: 1, metadata: "1.0", content: { ...ext4Root, mountpoint: "/boot" } } } };
  expectIssue(config(bad), "esp_not_vfat", [...AT, "mdadm", "boot", "content"], /array "boot" holds an EFI system partition/);
});

test("esp_not_mounted: GRUB needs the ESP mounted", () => {
  const unmounted = { size: "512M", type: "EF00", content: { type: "filesystem", format: "vfat" } };
  expectIssue(config(layout({ boot: { size: "1M", type: "EF02" }, ESP: unmounted, root: { size: "100%", content: ext4Root } })), "esp_not_mounted", [...PARTS, "ESP", "content"], /needs a mountpoint/);
});

test("esp_raid_metadata: a mirrored ESP needs metadata 1.0", () => {
  const mirror = plain(raid1({ devices: ["/dev/disk/by-id/a", "/dev/disk/by-id/b"] }));
  const bad = { ...mirror, mdadm: { ...mirror.mdadm, boot: { ...mirror.mdadm.boot, metadata: "1.2" } } };
  expectIssue(config(bad), "esp_raid_metadata", [...AT, "mdadm", "boot", "metadata"], /metadata "1\.0"/);
});

test("multiple_esps: two separate ESPs are refused, a mirrored one is fine", () => {
  const disk = (device: string) => ({ device, content: { type: "gpt", partitions: { ESP: esp, root: { size: "100%", content: { type: "mdraid", name: "root" } } } } });
  const cfg = { disks: { a: disk("/dev/disk/by-id/a"), b: disk("/dev/disk/by-id/b") }, mdadm: { root: { content: ext4Root } } };
  const issues = issuesOf(config(cfg));
  const multiple = only(issues, "multiple_esps");
  assert.equal(multiple.path, [...AT, "disks", "b", "content", "partitions", "ESP", "content"]);
  assert.match(multiple.message, /mirror them with an mdadm RAID 1/);
});

test("no_boot_partition: neither EF02 nor an ESP", () => {
  expectIssue(config(layout({ root: { size: "100%", content: ext4Root } })), "no_boot_partition", [...AT, "disks"], /BIOS boot partition.*EFI system partition/);
});

test("unrecognized keys and wrong content types are reported at their path", () => {
  const issues = issuesOf(config(layout({ ESP: esp, root: { size: "100%", content: { ...ext4Root, mountOption: [] } } })));
  assert.equal(only(issues, "unrecognized_keys").path, [...PARTS, "root", "content", "mountOption"]);
  const notAbsolute = issuesOf(config(layout({ ESP: esp, root: { size: "100%", content: { ...ext4Root, mountpoint: "srv" } } })));
  assert.equal(only(notAbsolute, "not_absolute").path, [...PARTS, "root", "content", "mountpoint"]);
});

test("malformed hostId and GPT type codes are refused with the expected form", () => {
  const hostId = issuesOf(config({ ...plain(zfsPool({ devices: ["/dev/disk/by-id/a"] })), hostId: "DEADBEEF" }));
  assert.equal(hostId.map((d) => d.path), [[...AT, "hostId"]]);
  assert.match(hostId[0]!.message, /8 lowercase hex digits/);
  const type = issuesOf(config(layout({ boot: { size: "1M", type: "EF2" }, ESP: esp, root: { size: "100%", content: ext4Root } })));
  assert.equal(type.map((d) => d.path), [[...PARTS, "boot", "type"]]);
  assert.match(type[0]!.message, /4-digit sgdisk code/);
});

test("the disko input: added, sorted among the user's, when a host has a layout; a user input of that name (pinned) is used instead", () => {
  const added = resolveInfra(config(hetznerCloud(), {}, { inputs: { web: "github:me/web", app: "github:me/app" } })).inputs;
  assert.equal(added.map((i) => i.name), ["app", "disko", "web"]);
  assert.equal(added[1], { name: "disko", url: "github:nix-community/disko", followsNixpkgs: true });
  const pinned = resolveInfra(config(hetznerCloud(), {}, { inputs: { disko: "github:nix-community/disko/v1.11.0" } })).inputs;
  assert.equal(pinned, [{ name: "disko", url: "github:nix-community/disko/v1.11.0", followsNixpkgs: true }]);
  assert.equal(resolveInfra({ hosts: { vps: { stateVersion: "26.05" } } }).inputs, [], "no layout, no disko input");
});

test("invalid_address: IP addresses and DNS names only, without user or port", () => {
  for (const ok of ["203.0.113.10", "2001:db8::10", "vps.example.com", "vps"]) {
    assert.is(resolveInfra(config(hetznerCloud(), { address: ok })).hosts[0]!.address, ok);
  }
  const at = ["hosts", "vps", "address"];
  expectIssue(config(undefined, { address: "root@203.0.113.10" }), "invalid_address", at, /must not contain a user/);
  expectIssue(config(undefined, { address: "203.0.113.10:22" }), "invalid_address", at, /without brackets or a port/);
  expectIssue(config(undefined, { address: "203.0.113.300" }), "invalid_address", at, /not a valid IPv4 address/);
  expectIssue(config(undefined, { address: "my_host.example.com" }), "invalid_address", at, /neither an IP address nor a DNS name/);
});

test.run();
