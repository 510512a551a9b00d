# relay: the VPS. The portal block was copied from home, without `enable`.
{ config, lib, ... }:
let
  presets = import ../../lib/presets.nix;
in
{
  networking = {
    hostName = "relay";
    domain = "vps.example.net";
  };

  modules.services.caddy.security = {
    policies.admins.allowedGroups = [ "admins" ];
  };

  modules.services.uptime-kuma = {
    enable = true;
    reverseProxy = lib.mkIf config.modules.services.uptime-kuma.enable {
      enable = true;
      hostName = "status.${config.networking.domain}";
      # Push monitors call /api/push/<token> from the VPN.
      caddySecurity = presets.admin // {
        bypassPaths = [ "/api/push" ];
        allowedNetworks = presets.trusted;
      };
    };
  };

  # Public on purpose: the phone app has its own tokens.
  modules.services.ntfy = {
    enable = true;
    reverseProxy = {
      enable = true;
      hostName = "push.${config.networking.domain}";
    };
  };
}
