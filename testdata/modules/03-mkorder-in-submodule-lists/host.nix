# Scenario 03: mkBefore/mkAfter inside and around submodule definitions.
# nextcloud: claimRoles (a list of submodules) gets entries from three
# modules, one mkBefore and one mkAfter. immich: four whole caddySecurity
# blocks (host, blocks.nix and two modules it imports) each add one
# bypassPath: plain submodule blocks from different modules merge in
# module-collection order. (mkBefore/mkAfter around a whole submodule
# block is an error, see 57-mkorder-on-submodule-block-error.)
{ lib, ... }:
{
  imports = [ ./options.nix ./caddy.nix ./services.nix ./roles.nix ./blocks.nix ];

  networking.domain = "cloud.example";
  modules.services.caddy.security.enable = true;

  modules.services.nextcloud.reverseProxy = {
    enable = true;
    hostName = "files.cloud.example";
    backend.port = 11000;
    caddySecurity.enable = true;
    caddySecurity.claimRoles = [ { value = "host"; role = "users"; } ];
  };

  modules.services.immich.reverseProxy = {
    enable = true;
    hostName = "photos.cloud.example";
    backend.port = 2283;
    caddySecurity = { bypassPaths = [ "/host-block" ]; };
  };
}
