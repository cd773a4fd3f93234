# Generated from infra.config.ts by gen-nix. Do not edit.
{
  # disko adds every disk with a BIOS boot partition (EF02) to boot.loader.grub.devices.
  # Installed as the removable EFI/BOOT/BOOTX64.EFI: boots without NVRAM entries.
  boot.loader.grub = {
    enable = true;
    efiSupport = true;
    efiInstallAsRemovable = true;
  };
  # mdadm wants somewhere to report a failed disk; without it NixOS warns that mdmon will crash.
  boot.swraid.mdadmConf = ''
    MAILADDR root
  '';
  # NixOS's ZFS support requires a host ID; pools record it, so it stays fixed for this host.
  networking.hostId = "824d80d7";
}
