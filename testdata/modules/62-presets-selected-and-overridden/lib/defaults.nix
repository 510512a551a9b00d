# Shared caddy-security presets and Pocket ID policies.
{ config, lib }:
{
  caddySecurity = {
    media = {
      enable = true;
      policy = "media";
      bypassPaths = [ "/api/shared" ];
      claimRoles = [ { value = "jellyfin-users"; role = "user"; } ];
    };
    admin = {
      enable = true;
      policy = "admins";
      allowedNetworks = [ "10.0.0.0/8" ];
    };
  };
  policies = {
    media = { allowedGroups = [ "media" ]; allowedNetworks = [ "10.0.0.0/8" ]; };
    admins.allowedGroups = [ "admins" ];
  };
}
