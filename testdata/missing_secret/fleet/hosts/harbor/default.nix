# harbor runs its own Pocket ID but only declared the Caddy client secret.
{ config, ... }:
{
  networking.domain = "media.fernwood.example";

  sops.secrets."caddy/oidc" = { };

  modules.services.pocketid = {
    enable = true;
    smtp.host = "smtp.fastmail.com";
  };
}
