# Scenario 10: properties on individual list elements. Each element of a
# listOf is merged on its own: an `mkIf false` element disappears, an
# `mkMerge` element of a submodule list combines its parts into one
# element, and a plain list of strings drops its `mkIf false` entries.
{ lib, ... }:
{
  imports = [ ./options.nix ./caddy.nix ./services.nix ];

  networking.domain = "elems.example";

  modules.services.nextcloud.reverseProxy = {
    enable = true;
    hostName = "files.elems.example";
    backend.port = 11000;
    caddySecurity = {
      enable = true;
      claimRoles = [
        (lib.mkIf false { value = "never"; role = "never"; })
        { value = "family"; role = "users"; }
        (lib.mkIf true { value = "admins"; role = "admins"; })
        (lib.mkMerge [ { value = "ops"; } { role = "operators"; claim = "roles"; } ])
      ];
      bypassPaths = [ "/a" (lib.mkIf false "/b") (lib.mkIf true "/c") ];
      allowedNetworks = [ (lib.mkForce "10.0.0.0/8") "192.168.0.0/16" ];
    };
  };
}
