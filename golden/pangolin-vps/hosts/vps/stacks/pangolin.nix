# Generated from infra.config.ts by gen-nix. Do not edit.
{ config, pkgs, ... }:

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

  boot.kernel.sysctl."net.ipv4.ip_forward" = 1;
  boot.kernelModules = [ "wireguard" ];

  # Published ports. Docker's own iptables rules let them past the NixOS firewall whatever
  # it says; they are listed here so the firewall states what is reachable.
  networking.firewall.allowedTCPPorts = [
    80
    443
  ];
  networking.firewall.allowedUDPPorts = [
    443
    21820
    51820
  ];

  # The stack's directory: relative volume sources and the stack's files live here.
  systemd.tmpfiles.settings."10-pangolin"."/var/lib/pangolin".d = {
    user = "root";
    group = "root";
    mode = "0750";
  };

  # Copied, not linked: a container cannot follow a link into /nix/store.
  systemd.services.pangolin-files = {
    description = "Files of the pangolin stack";
    serviceConfig = {
      Type = "oneshot";
      RemainAfterExit = true;
    };
    script = ''
      install -D -m 0644 ${./pangolin/config/config.yml} /var/lib/pangolin/config/config.yml
      install -D -m 0644 ${./pangolin/config/traefik/traefik_config.yml} /var/lib/pangolin/config/traefik/traefik_config.yml
      install -D -m 0644 ${./pangolin/config/traefik/dynamic_config.yml} /var/lib/pangolin/config/traefik/dynamic_config.yml
    '';
  };

  # oci-containers defaults to podman since stateVersion 22.05.
  virtualisation.oci-containers.backend = "docker";

  # Created once, kept across restarts.
  systemd.services.docker-network-pangolin = {
    description = "Docker network pangolin";
    after = [ "docker.service" ];
    requires = [ "docker.service" ];
    path = [ config.virtualisation.docker.package ];
    serviceConfig = {
      Type = "oneshot";
      RemainAfterExit = true;
    };
    script = "docker network inspect pangolin >/dev/null 2>&1 || docker network create pangolin";
  };

  virtualisation.oci-containers.containers.pangolin = {
    image = "docker.io/fosrl/pangolin:1.24.0";
    environmentFiles = [ "/run/secrets/pangolin.env" ];
    volumes = [ "/var/lib/pangolin/config:/app/config" ];
    networks = [ "pangolin" ];
    extraOptions = [
      "--health-cmd=curl -f http://localhost:3001/api/v1/"
      "--health-interval=10s"
      "--health-timeout=10s"
      "--health-retries=15"
    ];
  };
  systemd.services.docker-pangolin = {
    after = [
      "docker-network-pangolin.service"
      "pangolin-files.service"
    ];
    requires = [
      "docker-network-pangolin.service"
      "pangolin-files.service"
    ];
  };

  virtualisation.oci-containers.containers.gerbil = {
    image = "docker.io/fosrl/gerbil:1.5.2";
    cmd = [
      "--reachableAt=http://gerbil:3004"
      "--generateAndSaveKeyTo=/var/config/key"
      "--remoteConfig=http://pangolin:3001/api/v1/"
    ];
    ports = [
      "51820:51820/udp"
      "21820:21820/udp"
      "443:443"
      "443:443/udp"
      "80:80"
    ];
    volumes = [ "/var/lib/pangolin/config:/var/config" ];
    networks = [ "pangolin" ];
    dependsOn = [ "pangolin" ];
    capabilities = {
      NET_ADMIN = true;
      SYS_MODULE = true;
    };
    devices = [ "/dev/net/tun:/dev/net/tun" ];
  };
  systemd.services.docker-gerbil = {
    after = [
      "docker-network-pangolin.service"
      "pangolin-files.service"
    ];
    requires = [
      "docker-network-pangolin.service"
      "pangolin-files.service"
    ];
    serviceConfig = {
      ExecStartPre = [ "${waitHealthy} pangolin 620" ];
    };
  };

  virtualisation.oci-containers.containers.traefik = {
    image = "docker.io/traefik:v3.7.14";
    cmd = [ "--configFile=/etc/traefik/traefik_config.yml" ];
    volumes = [
      "/var/lib/pangolin/config/traefik:/etc/traefik:ro"
      "/var/lib/pangolin/config/letsencrypt:/letsencrypt"
      "/var/lib/pangolin/config/traefik/logs:/var/log/traefik"
    ];
    dependsOn = [
      "pangolin"
      "gerbil"
    ];
    extraOptions = [ "--network=container:gerbil" ];
  };
  systemd.services.docker-traefik = {
    after = [ "pangolin-files.service" ];
    requires = [ "pangolin-files.service" ];
    serviceConfig = {
      ExecStartPre = [ "${waitHealthy} pangolin 620" ];
    };
  };
}
