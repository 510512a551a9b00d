# atlas declares the secret the module's default reads.
{ config, lib, ... }:
let
  inherit (config.networking) domain;
in
{
  networking.domain = "fernwood.example";

  sops.secrets = lib.mkMerge [
    { "pocketid/smtp".owner = "pocket-id"; }
    { "caddy/oidc" = { }; }
  ];

  modules.services.pocketid = {
    enable = true;
    smtp = {
      host = "smtp.fastmail.com";
      username = "id@${domain}";
    };
  };
}
