# No secret is declared, and the (empty) `sops.secrets` is extended with
# `//` before the read: the read is still of an undeclared secret.
{ config, ... }:
let
  secrets = config.sops.secrets // { "local/token" = { path = "/run/local-token"; }; };
in
{
  modules.services.pocketid = {
    enable = true;
    domain = "id.example.com";
    smtp = {
      host = "smtp.example.com";
      port = 587;
      username = "pocketid@example.com";
      passwordFile = secrets."pocketid/smtp_password".path;
#                            ^^^^^^^^^^^^^^^^^^^^^^^^ missing_secret: secret `pocketid/smtp_password` is read here but never declared in `sops.secrets`: NixOS fails to evaluate this host (attribute missing)
    };
  };
}
