# Generated from infra.config.ts by gen-nix. Do not edit.
{
  imports = [ ./apps/probe.nix ];

  networking.hostName = "edge";
  nixpkgs.hostPlatform = "x86_64-linux";

  users.users.alice = {
    isNormalUser = true;
    extraGroups = [ "wheel" ];
    openssh.authorizedKeys.keys = [
      "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJpIy7oP71q2Z+PQNjY39mhYtMF0beLn7TrHr6ZmxQMo alice@laptop"
    ];
  };
  security.sudo.wheelNeedsPassword = false;
  users.users.root.openssh.authorizedKeys.keys = [
    "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJpIy7oP71q2Z+PQNjY39mhYtMF0beLn7TrHr6ZmxQMo alice@laptop"
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
