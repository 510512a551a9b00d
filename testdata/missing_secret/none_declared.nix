# A host that declares no secret at all: `sops.secrets` is empty, and the
# secret read for the SMTP password is still an undeclared secret (not an
# evaluation error about a missing attribute).
{ config, ... }:
{
  sops.defaultSopsFile = ./secrets.yaml;

  modules.services.pocketid = {
    enable = true;
    domain = "id.example.com";
    smtp = {
      host = "smtp.example.com";
      port = 587;
      username = "pocketid@example.com";
      passwordFile = config.sops.secrets."pocketid/smtp_password".path;
#                                        ^^^^^^^^^^^^^^^^^^^^^^^^ missing_secret: secret `pocketid/smtp_password` is read here but never declared in `sops.secrets`: NixOS fails to evaluate this host (attribute missing)
    };
  };
}
