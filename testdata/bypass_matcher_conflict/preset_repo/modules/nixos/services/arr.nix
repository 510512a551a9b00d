# sonarr, radarr and prowlarr: one module each, made by `mkArr`.
{ lib, ... }:
let
  cs = import ../../../lib/caddy-security.nix { inherit lib; };
  apps = { sonarr = 8989; radarr = 7878; prowlarr = 9696; };
  mkArr = name: port: { config, lib, ... }:
    let
      cfg = config.modules.services.${name};
    in
    {
      options.modules.services.${name} = {
        enable = lib.mkEnableOption name;
        reverseProxy = cs.mkReverseProxyOption { subdomain = name; inherit port; };
      };
      config = lib.mkIf (cfg.enable && cfg.reverseProxy.enable) {
        modules.services.caddy.virtualHosts.${name} = {
          hostName = "${cfg.reverseProxy.subdomain}.${config.networking.domain}";
          backend.port = cfg.reverseProxy.port;
          inherit (cfg.reverseProxy) caddySecurity;
        };
      };
    };
in
{
  imports = lib.mapAttrsToList mkArr apps;
}
