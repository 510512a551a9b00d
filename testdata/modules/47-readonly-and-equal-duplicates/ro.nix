{ lib, ... }:
{
  options.modules.services.caddy.security.realm = lib.mkOption {
    type = lib.types.str;
    readOnly = true;
  };
  config.modules.services.caddy.security.realm = "homelab";
}
