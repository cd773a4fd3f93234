# Generated from infra.config.ts by gen-nix. Do not edit.
{
  imports = [
    ./postgres.nix
    ./caddy.nix
    ./apps/shop-web.nix
    ./apps/worker.nix
    ../../hardware/web1.nix
    ../../modules/monitoring.nix
  ];

  networking.hostName = "web1";
  nixpkgs.hostPlatform = "aarch64-linux";

  users.users.bob = {
    isNormalUser = true;
    extraGroups = [ "wheel" ];
    openssh.authorizedKeys.keys = [
      "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOa8mK2c7dYkz2nq3W4r1Xp0QvLxHh5sT9bU6eJf3gAy bob@desk"
      "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC7 bob@old"
    ];
  };
  users.users.carol = {
    isNormalUser = true;
    extraGroups = [ "wheel" ];
    openssh.authorizedKeys.keys = [
      "sk-ssh-ed25519@openssh.com AAAAGnNrLXNzaC1lZDI1NTE5QG9wZW5zc2guY29tAAAAIAbc carol@yubikey"
    ];
  };
  security.sudo.wheelNeedsPassword = false;

  services.openssh = {
    enable = true;
    ports = [ 2222 ];
    openFirewall = true;
    settings = {
      PasswordAuthentication = false;
      KbdInteractiveAuthentication = false;
      PermitRootLogin = "no";
    };
  };

  networking.firewall.enable = true;
  nix.settings.experimental-features = [
    "nix-command"
    "flakes"
  ];

  system.stateVersion = "26.05";
}
