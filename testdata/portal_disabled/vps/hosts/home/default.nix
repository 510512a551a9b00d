# home: the portal is on here.
{ config, ... }:
let
  presets = import ../../lib/presets.nix;
in
{
  networking = {
    hostName = "home";
    domain = "example.net";
  };

  modules.services.caddy.security = {
    enable = true;
    policies.admins.allowedGroups = [ "admins" ];
  };

  modules.services.uptime-kuma = {
    enable = true;
    reverseProxy = {
      enable = true;
      hostName = "status.${config.networking.domain}";
      caddySecurity = presets.admin;
    };
  };
}
