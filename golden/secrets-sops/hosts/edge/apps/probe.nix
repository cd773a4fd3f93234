# Generated from infra.config.ts by gen-nix. Do not edit.
{ pkgs, inputs, ... }:

let
  package = inputs.myapp.packages.${pkgs.stdenv.hostPlatform.system}.probe;
in
{
  users.users.probe = {
    isSystemUser = true;
    group = "probe";
    home = "/var/lib/probe";
    createHome = true;
  };
  users.groups.probe = { };

  systemd.services.probe = {
    description = "probe";
    wantedBy = [ "multi-user.target" ];
    after = [ "network.target" ];

    environment = {
      PORT = "9000";
    };

    serviceConfig = {
      Type = "simple";
      User = "probe";
      Group = "probe";
      WorkingDirectory = package;
      ExecStart = "${pkgs.bun}/bin/bun probe.ts";
      Restart = "always";
      RestartSec = 5;

      # Security hardening
      NoNewPrivileges = true;
      ProtectSystem = "strict";
      ProtectHome = true;
      PrivateTmp = true;
      ReadWritePaths = [ "/var/lib/probe" ];
    };
  };
}
