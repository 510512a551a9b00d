# One module per app, each declaring `modules.services.<app>` with a
# `reverseProxy` option, as the documented schema's service modules do.
{ lib, ... }:
let
  proxy = import ../lib/reverse-proxy.nix { inherit lib; };
  apps = {
    pocketid = 1411;
    media = 8989;
    radar = 7878;
    books = 6767;
    rss = 9000;
    dash = 3000;
    photos = 2283;
    kuma = 3001;
    tv = 8096;
    family = 8097;
    public = 8080;
    lan = 8081;
    mapped = 8082;
    loop = 8083;
  };
  mk = name: port: {
    options.modules.services.${name} = {
      # On by default: the host only configures the proxy.
      enable = lib.mkOption {
        type = lib.types.bool;
        default = true;
      };
      reverseProxy = proxy.mkReverseProxyOption { inherit name port; };
    };
  };
in
{
  imports = lib.mapAttrsToList mk apps;
}
