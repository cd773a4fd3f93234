# Generated from infra.config.ts by gen-nix. Do not edit.
{ config, ... }:

let
  compose = "${config.virtualisation.docker.package}/bin/docker compose --project-name wiki --project-directory /var/lib/wiki -f ${./wiki/docker-compose.yml}";
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

  systemd.services.docker-compose-wiki = {
    description = "Docker Compose stack wiki";
    wantedBy = [ "multi-user.target" ];
    after = [
      "docker.service"
      "network-online.target"
    ];
    requires = [ "docker.service" ];
    wants = [ "network-online.target" ];
    # `up` stays in the foreground so systemd supervises the stack; Docker restarts
    # single containers by their restart policy.
    serviceConfig = {
      ExecStart = "${compose} up --remove-orphans";
      ExecStop = "${compose} down";
      Restart = "on-failure";
    };
  };
}
