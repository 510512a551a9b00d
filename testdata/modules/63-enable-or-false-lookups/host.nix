# Scenario 63: `config.modules.services.<svc>.enable or false` lookups.
# `or` catches a missing attribute anywhere along the selection path, so
# the value depends on which options are *declared*:
#   jellyfin   declares enable, defined true here        -> true
#   navidrome  declares enable, left at its default      -> false (value)
#   immich     exists but declares no `enable` option    -> false (or)
#   paperless  not declared at all                       -> false (or)
# The lookups decide portal/policies (portal.nix), which virtual hosts are
# published (caddy.nix reads `reverseProxy.enable or false`, and immich's
# reverseProxy.enable from `immich.enable or true`), and a bypass path.
{ config, lib, ... }:
let
  svc = config.modules.services;
in
{
  imports = [ ./options.nix ./caddy.nix ./portal.nix ./services/jellyfin.nix ./services/navidrome.nix ./services/immich.nix ];

  networking.domain = "or.example";
  modules.services.jellyfin.enable = true;

  modules.services.jellyfin.reverseProxy.caddySecurity.bypassPaths =
    lib.optional (svc.paperless.enable or false) "/paperless"
    ++ lib.optional (svc.jellyfin.enable or false) "/health"
    ++ lib.optional (svc.immich.reverseProxy.caddySecurity.enable or false) "/immich";
}
