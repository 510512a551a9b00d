# Scenario 22: an entry whose only definition is `mkIf false`. attrsOf
# drops the entry; lazyAttrsOf keeps it and uses the element type's empty
# value ([] for a list). Entries defined by several modules merge.
{ lib, ... }:
{
  imports = [ ./options.nix ./caddy.nix ./services.nix ./extra.nix ./more.nix ];

  networking.domain = "lazy.example";
  modules.services.grafana.reverseProxy = {
    enable = true;
    hostName = "grafana.lazy.example";
    backend.port = 3000;
    routes = { api = [ "/api" ]; debug = lib.mkIf false [ "/debug" ]; };
    lazyRoutes = { api = [ "/api" ]; debug = lib.mkIf false [ "/debug" ]; };
    weights = { a = 1; b = lib.mkIf false 2; };
  };
}
