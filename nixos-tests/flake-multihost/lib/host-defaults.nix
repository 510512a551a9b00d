# Presets for one host; called from ./defaults.nix with the host's networks.
{ config, lib, hostConfig }:
let
  inherit (hostConfig) domain networks;

  trusted = networks.lan ++ networks.vpn;

  # Pocket ID runs on atlas; every other machine points at it.
  pocketIdHost =
    if config.modules.services.pocketid.enable or false
    then config.modules.services.pocketid.domain
    else "id.fernwood.example";

  admin = {
    enable = true;
    policy = "admins";
  };

  users = {
    enable = true;
    policy = "users";
  };

  media = {
    enable = true;
    policy = "media";
    claimRoles = [
      { claim = "groups"; value = "family"; role = "media"; }
    ];
    bypassPaths = [ "/api" ];
    allowedNetworks = trusted;
  };
in
{
  inherit trusted pocketIdHost;

  policies = {
    admins.allowedGroups = [ "admins" ];
    users.allowedGroups = [ "admins" "users" ];
    media.allowedGroups = [ "admins" "media" ];
  };

  caddySecurity = {
    inherit admin users media;

    # *arr apps: their APIs and RSS feeds have their own keys.
    arr = media // {
      policy = "admins";
      bypassPaths = [ "/api" "/feed" ];
    };
  };
}
