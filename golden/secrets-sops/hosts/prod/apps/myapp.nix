# Generated from infra.config.ts by gen-nix. Do not edit.
{
  config,
  pkgs,
  inputs,
  ...
}:

let
  package = inputs.myapp.packages.${pkgs.stdenv.hostPlatform.system}.default;
in
{
  users.users.myapp = {
    isSystemUser = true;
    group = "myapp";
    home = "/var/lib/myapp";
    createHome = true;
  };
  users.groups.myapp = { };

  systemd.services.myapp = {
    description = "myapp";
    wantedBy = [ "multi-user.target" ];
    after = [
      "network.target"
      "postgresql.target"
    ];
    requires = [ "postgresql.target" ];

    environment = {
      PORT = "8001";
      DATABASE_URL = "postgresql:///myapp?host=/run/postgresql";
    };

    serviceConfig = {
      Type = "simple";
      User = "myapp";
      Group = "myapp";
      WorkingDirectory = package;
      EnvironmentFile = config.sops.secrets.myapp-env.path;
      ExecStart = "${pkgs.bun}/bin/bun server.ts";
      Restart = "always";
      RestartSec = 5;

      # Security hardening
      NoNewPrivileges = true;
      ProtectSystem = "strict";
      ProtectHome = true;
      PrivateTmp = true;
      ReadWritePaths = [
        "/var/lib/myapp"
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
