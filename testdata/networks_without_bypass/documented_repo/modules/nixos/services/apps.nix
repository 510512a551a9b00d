# One module per web app, each with `enable` and `reverseProxy`.
{ lib, ... }:
let
  rp = import ../../../lib/reverse-proxy.nix { inherit lib; };
  apps = {
    grafana = 3000;
    home-assistant = 8123;
    sonarr = 8989;
  };
  mkApp = name: port: {
    options.modules.services.${name} = {
      enable = lib.mkEnableOption name;
      reverseProxy = rp.mkReverseProxyOption { inherit name port; };
    };
  };
in
{
  imports = lib.mapAttrsToList mkApp apps;
}
