# Generated from infra.config.ts by gen-nix. Do not edit.
{ pkgs, inputs, ... }:

let
  otherappPackage = inputs.otherapp.packages.${pkgs.stdenv.hostPlatform.system}.default;
in
{
  services.caddy = {
    enable = true;
    email = "you@example.com";
    virtualHosts."myapp.example.com".extraConfig = ''
      reverse_proxy 127.0.0.1:8001
    '';
    virtualHosts."otherapp.example.com".extraConfig = ''
      handle /assets/* {
        root * ${otherappPackage}/dist
        file_server
      }
      reverse_proxy 127.0.0.1:8002
    '';
  };
  networking.firewall.allowedTCPPorts = [
    80
    443
  ];
}
