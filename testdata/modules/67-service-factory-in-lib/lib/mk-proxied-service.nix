# Service factory: builds a whole module (options + config) for a web
# service published through caddy with caddy-security.
#
#   import ../lib/mk-proxied-service.nix {
#     name = "jellyfin"; port = 8096;
#     subdomain ? name; policy ? null; bypassPaths ? [ ];
#   }
#
# Declares modules.services.<name>.{enable,port,subdomain,reverseProxy};
# when enabled, publishes <subdomain>.<domain> -> 127.0.0.1:<port>, protected
# by <policy> (if any), and adds the service's users group to that policy.
{ name, port, subdomain ? name, policy ? null, bypassPaths ? [ ] }:
{ config, lib, ... }:
let
  t = import ../types.nix { inherit lib; };
  cfg = config.modules.services.${name};
in
{
  options.modules.services.${name} = {
    enable = lib.mkEnableOption name;
    port = lib.mkOption { type = lib.types.port; default = port; };
    subdomain = lib.mkOption { type = lib.types.str; default = subdomain; };
    reverseProxy = lib.mkOption { type = t.reverseProxy; default = { }; };
  };

  config = lib.mkMerge [
    { modules.services.${name}.reverseProxy.backend.port = cfg.port; }
    (lib.mkIf cfg.enable {
      modules.services.${name}.reverseProxy = {
        enable = lib.mkDefault true;
        hostName = "${cfg.subdomain}.${config.networking.domain}";
        caddySecurity = {
          enable = policy != null;
          policy = lib.mkIf (policy != null) policy;
          inherit bypassPaths;
        };
      };
    })
    (lib.mkIf (cfg.enable && policy != null) {
      modules.services.caddy.security.policies.${policy}.allowedGroups = [ "${name}-users" ];
    })
  ];
}
