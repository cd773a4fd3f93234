# Generated from infra.config.ts by gen-nix. Do not edit.
{
  services.pangolin = {
    enable = true;
    baseDomain = "example.net";
    dashboardDomain = "tunnel.example.net";
    letsEncryptEmail = "ops@example.net";
    # SERVER_SECRET (and EMAIL_SMTP_USER, EMAIL_SMTP_PASS), read when the units start
    environmentFile = "/run/secrets/pangolin.env";
    dataDir = "/var/lib/pangolin";

    settings = {
      app = {
        log_level = "warn";
        telemetry.anonymous_usage = false;
      };
      gerbil = {
        start_port = 51820;
        clients_start_port = 21820;
      };
      email = {
        smtp_host = "smtp.example.net";
        smtp_port = 465;
        smtp_secure = true;
        no_reply = "pangolin@example.net";
      };
      flags = {
        require_email_verification = true;
        disable_signup_without_invite = true;
        disable_user_create_org = false;
        allow_raw_resources = true;
      };
    };
  };

  services.traefik.staticConfigOptions.entryPoints.websecure.http3.advertisedPort = 443;

  boot.kernelModules = [ "wireguard" ];
  boot.kernel.sysctl."net.ipv4.ip_forward" = 1;

  # The module's openFirewall leaves out Gerbil's client relay port, so the ports are listed here.
  networking.firewall.allowedTCPPorts = [
    80
    443
  ];
  networking.firewall.allowedUDPPorts = [
    443
    21820
    51820
  ];
}
