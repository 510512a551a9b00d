# Monitoring role: Grafana, published only when the role is on (it is not).
{ config, lib, ... }:
let
  t = import ../types.nix { inherit lib; };
  enabled = config.modules.roles.monitoring.enable;
in
{
  options.modules.roles.monitoring.enable = lib.mkEnableOption "monitoring role";
  options.modules.services.grafana.reverseProxy = lib.mkOption { type = t.reverseProxy; default = { }; };

  config = lib.mkMerge [
    { modules.services.grafana.reverseProxy.backend.port = 3000; }
    (lib.mkIf enabled {
      modules.services.grafana.reverseProxy = {
        enable = true;
        hostName = "grafana.${config.networking.domain}";
        caddySecurity = { enable = true; policy = "admins"; };
      };
      modules.services.caddy.security.policies.admins.allowedGroups = [ "grafana-admins" ];
    })
    (lib.mkIf (!enabled) {
      modules.services.grafana.reverseProxy.hostName = "grafana.internal";
    })
  ];
}
