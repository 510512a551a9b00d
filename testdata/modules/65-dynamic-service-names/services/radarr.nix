# radarr: every name below is computed from `serviceName`.
{ config, lib, ... }:
let
  serviceName = "radarr";
  cfg = config.modules.services.${serviceName};
  t = import ../types.nix { inherit lib; };
in
{
  options.modules.services.${serviceName} = {
    enable = lib.mkEnableOption serviceName;
    port = lib.mkOption { type = lib.types.port; default = 7878; };
    reverseProxy = lib.mkOption { type = t.reverseProxy; default = { }; };
  };

  config = {
    modules.services.${serviceName}.reverseProxy = {
      inherit (cfg) enable;
      hostName = "${serviceName}.${config.networking.domain}";
      backend.port = cfg.port;
      caddySecurity = { enable = true; policy = "arr"; bypassPaths = [ "/api" ]; };
    };
    modules.services.caddy.security.policies = lib.mkIf cfg.enable {
      arr.allowedGroups = [ "${serviceName}-admins" ];
    };
  };
}
