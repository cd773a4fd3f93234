# Generated from infra.config.ts by gen-nix. Do not edit.
{
  imports = [
    ./stacks/wiki.nix
    ./stacks/vpn.nix
  ];

  networking.hostName = "apps";
  nixpkgs.hostPlatform = "x86_64-linux";

  users.users.ops = {
    isNormalUser = true;
    extraGroups = [ "wheel" ];
    openssh.authorizedKeys.keys = [
      "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOa8mK2c7dYkz2nq3W4r1Xp0QvLxHh5sT9bU6eJf3gAy ops@desk"
    ];
  };
  security.sudo.wheelNeedsPassword = false;
  users.users.root.openssh.authorizedKeys.keys = [
    "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOa8mK2c7dYkz2nq3W4r1Xp0QvLxHh5sT9bU6eJf3gAy ops@desk"
  ];

  services.openssh = {
    enable = true;
    ports = [ 22 ];
    openFirewall = true;
    settings = {
      PasswordAuthentication = false;
      KbdInteractiveAuthentication = false;
      PermitRootLogin = "prohibit-password";
    };
  };

  networking.firewall.enable = true;
  nix.settings.experimental-features = [
    "nix-command"
    "flakes"
  ];

  system.stateVersion = "26.05";
}
