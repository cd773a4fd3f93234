# Generated from infra.config.ts by gen-nix. Do not edit.
{
  config,
  pkgs,
  inputs,
  ...
}:

let
  package = inputs.billing.packages.${pkgs.stdenv.hostPlatform.system}.default;
in
{
  users.users.billing = {
    isSystemUser = true;
    group = "billing";
    home = "/var/lib/billing";
    createHome = true;
  };
  users.groups.billing = { };

  systemd.services.billing = {
    description = "billing";
    wantedBy = [ "multi-user.target" ];
    after = [
      "network.target"
      "postgresql.target"
    ];
    requires = [ "postgresql.target" ];

    environment = {
      PORT = "8002";
      DATABASE_URL = "postgresql:///billing?host=/run/postgresql";
    };

    serviceConfig = {
      Type = "simple";
      User = "billing";
      Group = "billing";
      WorkingDirectory = package;
      EnvironmentFile = config.sops.secrets.billing-env.path;
      ExecStart = "${pkgs.bun}/bin/bun server.ts";
      Restart = "always";
      RestartSec = 5;

      # Security hardening
      NoNewPrivileges = true;
      ProtectSystem = "strict";
      ProtectHome = true;
      PrivateTmp = true;
      ReadWritePaths = [
        "/var/lib/billing"
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
