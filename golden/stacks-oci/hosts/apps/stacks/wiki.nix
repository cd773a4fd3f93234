# Generated from infra.config.ts by gen-nix. Do not edit.
{
  config,
  lib,
  pkgs,
  ...
}:

let
  # Waits up to $2 seconds for container $1 to pass its health check.
  waitHealthy = pkgs.writeShellScript "wait-healthy" ''
    for _ in $(seq "$2"); do
      case "$(docker inspect --format '{{.State.Health.Status}}' "$1" 2>/dev/null)" in
        healthy) exit 0 ;;
        unhealthy) echo "$1 is unhealthy" >&2; exit 1 ;;
      esac
      sleep 1
    done
    echo "$1 did not become healthy within $2 seconds" >&2
    exit 1
  '';
in
{
  virtualisation.docker.enable = true;

  # Published ports. Docker's own iptables rules let them past the NixOS firewall whatever
  # it says; they are listed here so the firewall states what is reachable.
  networking.firewall.allowedTCPPorts = [ 8443 ];

  # The stack's directory: relative volume sources and the stack's files live here.
  systemd.tmpfiles.settings."10-wiki"."/var/lib/wiki".d = {
    user = "root";
    group = "root";
    mode = "0750";
  };

  # oci-containers defaults to podman since stateVersion 22.05.
  virtualisation.oci-containers.backend = "docker";

  # Created once, kept across restarts.
  systemd.services.docker-network-backend = {
    description = "Docker network backend";
    after = [ "docker.service" ];
    requires = [ "docker.service" ];
    path = [ config.virtualisation.docker.package ];
    serviceConfig = {
      Type = "oneshot";
      RemainAfterExit = true;
    };
    script = "docker network inspect backend >/dev/null 2>&1 || docker network create --internal backend";
  };

  systemd.services.docker-network-frontend = {
    description = "Docker network frontend";
    after = [ "docker.service" ];
    requires = [ "docker.service" ];
    path = [ config.virtualisation.docker.package ];
    serviceConfig = {
      Type = "oneshot";
      RemainAfterExit = true;
    };
    script = "docker network inspect frontend >/dev/null 2>&1 || docker network create --ipv6 frontend";
  };

  virtualisation.oci-containers.containers.wiki-db = {
    image = "postgres:17.2";
    environment = {
      POSTGRES_USER = "wiki";
      POSTGRES_DB = "wiki";
    };
    environmentFiles = [ "/run/secrets/wiki-db.env" ];
    volumes = [ "wiki_pgdata:/var/lib/postgresql/data" ];
    networks = [ "backend" ];
    extraOptions = [
      "--health-cmd=pg_isready -U wiki"
      "--health-interval=10s"
      "--health-timeout=5s"
      "--health-retries=5"
      "--health-start-period=30s"
    ];
  };
  systemd.services.docker-wiki-db = {
    after = [ "docker-network-backend.service" ];
    requires = [ "docker-network-backend.service" ];
  };

  virtualisation.oci-containers.containers.wiki-migrate = {
    image = "ghcr.io/requarks/wiki:2.5.307";
    cmd = [
      "node"
      "server/migrate.js"
    ];
    environmentFiles = [ "/run/secrets/wiki.env" ];
    networks = [ "backend" ];
    dependsOn = [ "wiki-db" ];
  };
  systemd.services.docker-wiki-migrate = {
    after = [ "docker-network-backend.service" ];
    requires = [ "docker-network-backend.service" ];
    serviceConfig = {
      Type = "oneshot";
      RemainAfterExit = true;
      ExecStartPre = [ "${waitHealthy} wiki-db 420" ];
      # oci-containers runs the container with --rm and lets systemd restart it (Restart = "always").
      Restart = lib.mkForce "no";
    };
  };

  virtualisation.oci-containers.containers.wiki = {
    image = "ghcr.io/requarks/wiki:2.5.307";
    user = "1000:1000";
    environment = {
      DB_TYPE = "postgres";
      DB_HOST = "wiki-db";
      PRICE = "5$ a month";
    };
    environmentFiles = [ "/run/secrets/wiki.env" ];
    ports = [
      "127.0.0.1:3000:3000"
      "8443:3443"
    ];
    volumes = [
      "/var/lib/wiki/uploads:/wiki/data/uploads"
      "/srv/wiki/assets:/wiki/assets:ro"
    ];
    networks = [
      "backend"
      "frontend"
    ];
    dependsOn = [
      "wiki-db"
      "wiki-migrate"
    ];
    labels = {
      "com.example.team" = "docs";
    };
  };
  systemd.services.docker-wiki = {
    after = [
      "docker-network-backend.service"
      "docker-network-frontend.service"
    ];
    requires = [
      "docker-network-backend.service"
      "docker-network-frontend.service"
    ];
    serviceConfig = {
      ExecStartPre = [ "${waitHealthy} wiki-db 420" ];
    };
  };
}
