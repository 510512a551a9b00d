{ lib, ... }:
{
  options.modules.services.caddy.security.issuer = lib.mkOption {
    type = lib.types.uniq lib.types.str;
  };
  config.modules.services.caddy.security.issuer = "https://id.err.example";
}
