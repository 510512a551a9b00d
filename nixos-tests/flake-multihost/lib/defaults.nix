# Per-host presets, picked by the host's name and domain:
#
#   defaults = import ../../lib/defaults.nix { inherit config lib; };
#   caddySecurity = defaults.caddySecurity.media;
{ config, lib }:
let
  inherit (config.networking) hostName domain;

  # Networks each machine trusts for API bypasses.
  sites = {
    atlas = {
      lan = [ "192.168.10.0/24" ];
      vpn = [ "10.100.0.0/24" ];
    };
    harbor = {
      lan = [ "192.168.20.0/24" ];
      vpn = [ "10.100.0.0/24" ];
    };
    relay = {
      lan = [ ];
      vpn = [ "10.100.0.1/24" ]; # wg0 on the VPS
    };
  };
in
import ./host-defaults.nix {
  inherit config lib;
  hostConfig = {
    inherit domain;
    networks = sites.${hostName} or { lan = [ ]; vpn = [ ]; };
  };
}
