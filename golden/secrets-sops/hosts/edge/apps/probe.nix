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
