# Generated from infra.config.ts by gen-nix. Do not edit.
{ pkgs, inputs, ... }:

let
  package = inputs.myapp.packages.${pkgs.stdenv.hostPlatform.system}.status;
in
{
  users.users.status = {
    isSystemUser = true;
    group = "status";
    home = "/var/lib/status";
    createHome = true;
  };
  users.groups.status = { };

  systemd.services.status = {
    description = "status";
    wantedBy = [ "multi-user.target" ];
    after = [ "network.target" ];

    environment = {
      PORT = "8003";
    };

    serviceConfig = {
      Type = "simple";
      User = "status";
      Group = "status";
      WorkingDirectory = package;
      EnvironmentFile = "/run/keys/status.env";
      ExecStart = "${pkgs.bun}/bin/bun status.ts";
      Restart = "always";
      RestartSec = 5;

      # Security hardening
      NoNewPrivileges = true;
      ProtectSystem = "strict";
      ProtectHome = true;
      PrivateTmp = true;
      ReadWritePaths = [ "/var/lib/status" ];
    };
  };
}
