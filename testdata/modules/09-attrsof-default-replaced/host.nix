# Scenario 09: an attrsOf option default is a single definition of priority
# 1500. Defining one entry (media) drops the whole default set (users,
# admins); a generated virtualHosts definition drops the default `status`
# host; an mkDefault set (ops) loses to the plain entry as a whole.
{ lib, ... }:
{
  imports = [ ./options.nix ./caddy.nix ./services.nix ./ops.nix ];

  networking.domain = "attrs.example";
  modules.services.caddy.security.policies.media.allowedGroups = [ "media" ];

  modules.services.grafana.reverseProxy = {
    enable = true;
    hostName = "grafana.attrs.example";
    backend.port = 3000;
  };
}
