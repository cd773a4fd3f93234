# Generated from infra.config.ts by gen-nix. Do not edit.
{ pkgs, inputs, ... }:

let
  package = inputs.api.packages.${pkgs.stdenv.hostPlatform.system}.worker;
in
{
  users.users.worker = {
    isSystemUser = true;
    group = "worker";
    home = "/var/lib/worker";
    createHome = true;
  };
  users.groups.worker = { };

  systemd.services.worker = {
    description = "worker";
    wantedBy = [ "multi-user.target" ];
    after = [
      "network.target"
      "postgresql.target"
    ];
    requires = [ "postgresql.target" ];

    environment = {
      PORT = "3001";
      DATABASE_URL = "postgresql:///analytics?host=/run/postgresql&user=analytics";
    };

    serviceConfig = {
      Type = "simple";
      User = "worker";
      Group = "worker";
      WorkingDirectory = package;
      ExecStart = "${package}/bin/worker";
      Restart = "always";
      RestartSec = 10;
    };
  };
}
