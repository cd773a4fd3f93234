# Generated from infra.config.ts by gen-nix. Do not edit.
{ pkgs, inputs, ... }:

let
  package = inputs.otherapp.packages.${pkgs.stdenv.hostPlatform.system}.default;
in
{
  users.users.otherapp = {
    isSystemUser = true;
    group = "otherapp";
    home = "/var/lib/otherapp";
    createHome = true;
  };
  users.groups.otherapp = { };

  systemd.services.otherapp = {
    description = "otherapp";
    wantedBy = [ "multi-user.target" ];
    after = [
      "network.target"
      "postgresql.target"
    ];
    requires = [ "postgresql.target" ];

    environment = {
      PORT = "8002";
      DATABASE_URL = "postgresql:///otherapp?host=/run/postgresql";
    };

    serviceConfig = {
      Type = "simple";
      User = "otherapp";
      Group = "otherapp";
      WorkingDirectory = package;
      ExecStart = "${pkgs.bun}/bin/bun server.ts";
      Restart = "always";
      RestartSec = 5;

      # Security hardening
      NoNewPrivileges = true;
      ProtectSystem = "strict";
      ProtectHome = true;
      PrivateTmp = true;
      ReadWritePaths = [
        "/var/lib/otherapp"
        "/run/postgresql"
      ];
      PrivateDevices = true;
      ProtectKernelTunables = true;
      ProtectKernelModules = true;
      ProtectKernelLogs = true;
      ProtectControlGroups = true;
      ProtectClock = true;
      ProtectHostname = true;
      RestrictSUIDSGID = true;
      RestrictRealtime = true;
      RestrictNamespaces = true;
      LockPersonality = true;
      RemoveIPC = true;
      CapabilityBoundingSet = "";
      RestrictAddressFamilies = [
        "AF_UNIX"
        "AF_INET"
        "AF_INET6"
      ];
      SystemCallArchitectures = "native";
      UMask = "0077";
    };
  };
}
