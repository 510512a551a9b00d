{ lib, ... }:
{
  modules.services.caddy.security.policies = lib.mkDefault {
    ops.allowedGroups = [ "ops" ];
  };
}
