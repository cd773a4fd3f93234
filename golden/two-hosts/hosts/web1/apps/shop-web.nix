# Generated from infra.config.ts by gen-nix. Do not edit.
{ pkgs, ... }:

let
  package = builtins.path {
    path = ../../../apps/shop;
    name = "shop-web-src";
  };
in
{
  users.users.shop-web = {
    isSystemUser = true;
    group = "shop-web";
    home = "/var/lib/shop-web";
    createHome = true;
  };
  users.groups.shop-web = { };

  systemd.services.shop-web = {
    description = "shop-web";
    wantedBy = [ "multi-user.target" ];
    after = [
      "network.target"
      "postgresql.target"
    ];
    requires = [ "postgresql.target" ];

    environment = {
      PORT = "3000";
      DATABASE_URL = "postgresql:///shop?host=/run/postgresql&user=shop";
      NODE_ENV = "production";
      GREETING = "say \"hi\" for \${USER} \\o/";
    };

    serviceConfig = {
      Type = "simple";
      User = "shop-web";
      Group = "shop-web";
      WorkingDirectory = package;
      EnvironmentFile = "/run/secrets/shop.env";
      ExecStartPre = "${package}/bin/migrate --database shop";
      ExecStart = "${pkgs.nodejs_22}/bin/node dist/server.js --port 3000";
      Restart = "always";
      RestartSec = 5;

      # Security hardening
      NoNewPrivileges = true;
      ProtectSystem = "strict";
      ProtectHome = true;
      PrivateTmp = true;
      ReadWritePaths = [
        "/var/lib/shop-web"
        "/run/postgresql"
        "/srv/uploads"
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
