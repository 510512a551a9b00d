# Sonarr, Radarr and Prowlarr share everything but names and ports.
{ config, lib, ... }:
let
  cs = import ../../../../lib/caddy-security.nix { inherit lib; };
  inherit (config.networking) domain;

  apps = {
    sonarr = 8989;
    radarr = 7878;
    prowlarr = 9696;
  };

  mkArr = serviceName: port:
    let
      cfg = config.modules.services.${serviceName};
    in
    {
      options.modules.services.${serviceName} = {
        enable = lib.mkEnableOption serviceName;
        reverseProxy = cs.mkReverseProxyOption { subdomain = serviceName; inherit port; };
      };

      config = lib.mkIf cfg.enable {
        services.${serviceName} = {
          enable = true;
          settings.server.port = cfg.reverseProxy.port;
        };

        modules.services.caddy.virtualHosts.${serviceName} = {
          inherit (cfg.reverseProxy) enable extraConfig caddySecurity;
          hostName = "${cfg.reverseProxy.subdomain}.${domain}";
          backend.port = cfg.reverseProxy.port;
        };
      };
    };
in
{
  imports = lib.mapAttrsToList mkArr apps;
}
