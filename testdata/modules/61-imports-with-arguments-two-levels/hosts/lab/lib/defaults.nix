# Per-host defaults: the repository-wide ones with this host's parameters.
{ config, lib }:
import ../../../lib/host-defaults.nix {
  inherit config lib;
  hostConfig = {
    address = "10.20.0.5";
    adminGroup = "lab-admins";
    lanNetworks = [ "10.20.0.0/24" "fd00:20::/64" ];
    portalSub = "auth";
    extraMediaGroups = [ "family" ];
  };
}
