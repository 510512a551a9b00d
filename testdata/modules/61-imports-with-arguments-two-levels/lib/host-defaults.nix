# Repository-wide defaults, parameterised by host:
#   import ../../../lib/host-defaults.nix { inherit config lib; hostConfig = { ... }; }
# `config` is the module system's config of the calling module.
{ config, lib, hostConfig }:
let
  inherit (config.networking) domain;
in
{
  hostName = sub: "${sub}.${domain}";
  backend = port: { host = hostConfig.address or "127.0.0.1"; inherit port; };
  portalHost = "${hostConfig.portalSub or "id"}.${domain}";
  caddySecurity = {
    media = { enable = true; policy = "media"; allowedNetworks = hostConfig.lanNetworks; };
    admin = { enable = true; policy = "admins"; bypassPaths = [ "/api/health" ]; };
  };
  policies = {
    media.allowedGroups = [ "media" ] ++ hostConfig.extraMediaGroups or [ ];
    admins = {
      allowedGroups = [ hostConfig.adminGroup ];
      allowedNetworks = hostConfig.lanNetworks;
    };
  };
}
