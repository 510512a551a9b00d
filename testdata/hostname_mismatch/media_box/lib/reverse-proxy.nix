{ lib }:
let
  inherit (lib) mkOption mkEnableOption types;
in
{
  mkReverseProxyOption = { subdomain, domain }: mkOption {
    default = { };
    type = types.submodule {
      options = {
        enable = mkEnableOption "the reverse proxy";
        hostName = mkOption { type = types.str; default = "${subdomain}.${domain}"; };
        caddySecurity = mkOption {
          default = { };
          type = types.submodule {
            options = {
              enable = mkEnableOption "Pocket ID login";
              policy = mkOption { type = types.str; default = "users"; };
              bypassPaths = mkOption { type = types.listOf types.str; default = [ ]; };
              allowedNetworks = mkOption { type = types.listOf types.str; default = [ ]; };
            };
          };
        };
      };
    };
  };
}
