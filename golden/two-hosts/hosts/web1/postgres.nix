# Generated from infra.config.ts by gen-nix. Do not edit.
{ lib, pkgs, ... }:

{
  services.postgresql = {
    enable = true;
    package = pkgs.postgresql_16;
    enableTCPIP = false;
    ensureDatabases = [
      "shop"
      "analytics"
    ];
    ensureUsers = [
      {
        name = "shop";
        ensureDBOwnership = true;
      }
      {
        name = "analytics";
        ensureDBOwnership = true;
      }
    ];
    authentication = lib.mkForce ''
      local all all trust
    '';
  };
}
