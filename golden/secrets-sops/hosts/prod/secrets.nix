# Generated from infra.config.ts by gen-nix. Do not edit.
{
  sops.age.sshKeyPaths = [ "/etc/ssh/ssh_host_ed25519_key" ];

  sops.secrets.myapp-env = {
    sopsFile = ../../secrets/prod.env;
    format = "dotenv";
    key = "";
    owner = "myapp";
    restartUnits = [ "myapp.service" ];
  };
  sops.secrets.billing-env = {
    sopsFile = ../../secrets/prod.yaml;
    key = "billing_env";
    owner = "billing";
    restartUnits = [ "billing.service" ];
  };
}
