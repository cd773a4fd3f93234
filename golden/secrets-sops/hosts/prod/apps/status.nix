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
