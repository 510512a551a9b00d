# Declared secrets, optional reads with `or`, and a disabled Pocket ID are
# silent.
{ config, ... }:
{
  sops.secrets = {
    "pocketid/smtp_password" = { };
    "caddy/oidc_env".owner = "caddy";
  };

  modules.services.pocketid = {
    enable = true;
    domain = "id.example.com";
    smtp.passwordFile = config.sops.secrets."pocketid/smtp_password".path;
  };

  modules.services.caddy.security = {
    enable = true;
    environmentFile = config.sops.secrets."caddy/oidc_env".path or null;
  };

  services.caddy.virtualHosts."files.example.com".extraConfig = ''
    basic_auth {
      import ${config.sops.secrets."caddy/basic_auth".path or "/dev/null"}
    }
  '';
}
