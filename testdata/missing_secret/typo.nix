# The seed's SMTP symptom: the secret is declared with an underscore and
# read with a dash.
{ config, ... }:
{
  sops.secrets."pocketid/smtp_password".owner = "pocket-id";
  sops.secrets."caddy/oidc_env" = { };

  modules.services.pocketid = {
    enable = true;
    domain = "id.example.com";
    smtp = {
      host = "smtp.example.com";
      port = 587;
      username = "pocketid@example.com";
      passwordFile = config.sops.secrets."pocketid/smtp-password".path;
#                                        ^^^^^^^^^^^^^^^^^^^^^^^^ missing_secret: secret `pocketid/smtp-password` is read here but never declared in `sops.secrets`: NixOS fails to evaluate this host (attribute missing)
    };
  };
}
