{ lib, ... }:
{
  modules.services.caddy.security.policies = lib.mkIf false { more.allowedGroups = [ "more" ]; };
}
