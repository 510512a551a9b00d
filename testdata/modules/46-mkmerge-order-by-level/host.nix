# Scenario 46: the same two-element mkMerge written at different levels.
# Directly on a list value it keeps its order; when the parts become
# separate definitions of an option they follow definition order, which
# depends on how deep (how many submodules down) the option sits.
{ lib, ... }:
{
  imports = [ ./options.nix ./caddy.nix ./services.nix ./extra.nix ];

  config = lib.mkMerge [
    { networking.domain = "levels.example"; }
    # Module root: parts become separate definitions of every option.
    { modules.services.caddy.security.trustedProxies = [ "root-1" ]; }
    { modules.services.caddy.security.trustedProxies = [ "root-2" ]; }
    { modules.services.grafana.reverseProxy.aliases = [ "root-1" ]; }
    { modules.services.grafana.reverseProxy.aliases = [ "root-2" ]; }
    { modules.services.grafana.reverseProxy.caddySecurity.bypassPaths = [ "root-1" ]; }
    { modules.services.grafana.reverseProxy.caddySecurity.bypassPaths = [ "root-2" ]; }
    {
      modules.services.grafana.reverseProxy = {
        enable = true;
        hostName = "grafana.levels.example";
        backend.port = 3000;
        # On the list value itself.
        caddySecurity.allowedNetworks = lib.mkMerge [ [ "list-1" ] [ "list-2" ] ];
        # On the submodule value.
        caddySecurity.bypassResources = [ ];
      };
    }
    {
      modules.services.grafana.reverseProxy.caddySecurity = lib.mkMerge [
        { bypassResources = [ "sub-1" ]; }
        { bypassResources = [ "sub-2" ]; }
      ];
    }
  ];
}
