# Scenario 57 (expected to fail): mkBefore around a whole submodule
# definition. The module system sorts the definitions and leaves a
# `priority` attribute on the definition record, which the submodule type's
# merge does not accept: real Nix fails with "called with unexpected
# argument 'priority'". (mkBefore on a *list* inside the block is fine,
# see 02/03.)
{ lib, ... }:
{
  imports = [ ./options.nix ./caddy.nix ./services.nix ];

  networking.domain = "cloud.example";
  modules.services.immich.reverseProxy = {
    enable = true;
    hostName = "photos.cloud.example";
    backend.port = 2283;
    caddySecurity = lib.mkBefore { bypassPaths = [ "/before-block" ]; };
  };
}
