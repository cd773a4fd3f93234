# Generated from infra.config.ts by gen-nix. Do not edit.
{
  services.caddy = {
    enable = true;
    email = "ops@example.org";
    virtualHosts."shop.example.org".extraConfig = ''
      encode gzip
      header /assets/* Cache-Control max-age=31536000
      reverse_proxy 127.0.0.1:3000
    '';
    virtualHosts."docs.example.org".extraConfig = ''
      root * /var/www/docs
      file_server
    '';
  };
  networking.firewall.allowedTCPPorts = [
    80
    443
  ];
}
