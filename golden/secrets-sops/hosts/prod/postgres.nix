# Generated from infra.config.ts by gen-nix. Do not edit.
{ lib, pkgs, ... }:

{
  services.postgresql = {
    enable = true;
    package = pkgs.postgresql_17;
    enableTCPIP = false;
    ensureDatabases = [
      "myapp"
      "billing"
    ];
    ensureUsers = [
      {
        name = "myapp";
        ensureDBOwnership = true;
      }
      {
        name = "billing";
        ensureDBOwnership = true;
      }
    ];
    authentication = lib.mkForce ''
      local all all peer
    '';
  };
}
