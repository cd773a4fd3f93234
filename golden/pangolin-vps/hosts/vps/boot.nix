# Generated from infra.config.ts by gen-nix. Do not edit.
{ modulesPath, ... }:

{
  imports = [ (modulesPath + "/profiles/qemu-guest.nix") ];

  # disko adds every disk with a BIOS boot partition (EF02) to boot.loader.grub.devices.
  # Installed as the removable EFI/BOOT/BOOTX64.EFI: boots without NVRAM entries.
  boot.loader.grub = {
    enable = true;
    efiSupport = true;
    efiInstallAsRemovable = true;
  };
}
