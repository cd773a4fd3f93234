# Generated from infra.config.ts by gen-nix. Do not edit.
{
  services.caddy = {
    enable = true;
    email = "ops@example.com";
    virtualHosts."myapp.example.com".extraConfig = ''
      reverse_proxy 127.0.0.1:8001
    '';
    virtualHosts."billing.example.com".extraConfig = ''
      reverse_proxy 127.0.0.1:8002
    '';
  };
  networking.firewall.allowedTCPPorts = [
    80
    443
  ];
}
