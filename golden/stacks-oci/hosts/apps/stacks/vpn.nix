# Generated from infra.config.ts by gen-nix. Do not edit.
{ config, lib, ... }:

{
  virtualisation.docker.enable = true;

  # Published ports. Docker's own iptables rules let them past the NixOS firewall whatever
  # it says; they are listed here so the firewall states what is reachable.
  networking.firewall.allowedTCPPorts = [ 51820 ];
  networking.firewall.allowedUDPPorts = [ 51820 ];

  # The stack's directory: relative volume sources and the stack's files live here.
  systemd.tmpfiles.settings."10-vpn"."/srv/vpn".d = {
    user = "root";
    group = "root";
    mode = "0750";
  };

  # oci-containers defaults to podman since stateVersion 22.05.
  virtualisation.oci-containers.backend = "docker";

  # Created once, kept across restarts.
  systemd.services.docker-network-vpn = {
    description = "Docker network vpn";
    after = [ "docker.service" ];
    requires = [ "docker.service" ];
    path = [ config.virtualisation.docker.package ];
    serviceConfig = {
      Type = "oneshot";
      RemainAfterExit = true;
    };
    script = "docker network inspect vpn >/dev/null 2>&1 || docker network create vpn";
  };

  virtualisation.oci-containers.containers.wg = {
    image = "lscr.io/linuxserver/wireguard:1.0.20250521";
    environment = {
      PEERS = "3";
    };
    ports = [
      "51820:51820/udp"
      "51820:51820"
    ];
    volumes = [ "/srv/vpn/config:/config" ];
    networks = [ "vpn" ];
    capabilities = {
      NET_ADMIN = true;
      SYS_MODULE = true;
      MKNOD = false;
    };
    devices = [ "/dev/net/tun:/dev/net/tun" ];
    extraOptions = [ "--health-cmd=wg show wg0" ];
  };
  systemd.services.docker-wg = {
    after = [ "docker-network-vpn.service" ];
    requires = [ "docker-network-vpn.service" ];
    serviceConfig = {
      # oci-containers runs the container with --rm and lets systemd restart it (Restart = "always").
      Restart = lib.mkForce "on-failure";
    };
  };

  virtualisation.oci-containers.containers.wg-dns = {
    image = "klutchell/unbound:1.22.0";
    entrypoint = "unbound";
    cmd = [
      "-d"
      "-c"
      "/etc/unbound/custom.conf"
    ];
    dependsOn = [ "wg" ];
    extraOptions = [
      "--network=container:wg"
      "--dns=9.9.9.9"
    ];
  };
}
