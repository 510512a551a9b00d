# caddy-security portal (Pocket ID) from the host defaults.
{ config, lib, ... }:
let defaults = import ./lib/defaults.nix { inherit config lib; }; in
{
  modules.services.caddy.security = {
    enable = true;
    portalHost = defaults.portalHost;
    inherit (defaults) policies;
  };
}
