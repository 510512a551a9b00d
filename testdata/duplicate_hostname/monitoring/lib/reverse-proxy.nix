{ lib }:
{
  mkReverseProxyOption = { subdomain, port }: lib.mkOption {
    default = { };
    type = lib.types.submodule {
      options = {
        enable = lib.mkEnableOption "the reverse proxy";
        subdomain = lib.mkOption { type = lib.types.str; default = subdomain; };
        port = lib.mkOption { type = lib.types.port; default = port; };
        caddySecurity.enable = lib.mkEnableOption "Pocket ID login";
      };
    };
  };
}
