# Pocket ID is off: its SMTP password file is never evaluated by NixOS.
{ config, ... }:
{
  sops.secrets."caddy/oidc_env" = { };

  modules.services.pocketid = {
    enable = false;
    smtp.passwordFile = config.sops.secrets."pocketid/smtp_password".path;
  };
}
