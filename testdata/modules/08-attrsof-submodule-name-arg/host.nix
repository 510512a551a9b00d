# Scenario 08: attrsOf (submodule ...) entries get the attribute name as
# the `name` argument; defaults computed from it apply per entry, and a
# submodule's own `config` can set mkDefault values from `name`.
{ ... }:
{
  imports = [ ./options.nix ./caddy.nix ./services.nix ];

  networking.domain = "names.example";

  modules.services.caddy.security.policies = {
    admins = { };
    users.allowedGroups = [ "everyone" ];
    media.allowedNetworks = [ "10.0.0.0/8" ];
  };

  modules.services.adminer.reverseProxy = {
    enable = true;
    backend.port = 8080;
    caddySecurity.enable = true;
  };
  modules.services.grafana.reverseProxy = {
    enable = true;
    hostName = "dash.names.example";
    backend.port = 3000;
  };
  modules.services.caddy.virtualHosts.static = {
    backend.port = 8000;
    caddySecurity.policy = "public";
  };
}
