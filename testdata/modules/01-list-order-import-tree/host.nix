# Scenario 01: where list definitions come from decides their order.
# The host, its direct imports, their imports (two levels deep) and a
# sibling all add one entry to the same list option. The merged list is in
# module-collection order (imports are collected breadth-first, then the
# whole list is reversed), not in source order.
{ config, ... }:
{
  imports = [ ./options.nix ./caddy.nix ./services.nix ./a.nix ./b.nix ];

  networking.domain = "order.example";
  modules.services.caddy.security.enable = true;

  modules.services.wiki.reverseProxy = {
    enable = true;
    hostName = "wiki.${config.networking.domain}";
    backend.port = 3000;
    caddySecurity.bypassPaths = [ "/host" ];
  };
}
