# reverseProxy type whose defaults read the host config and the
# submodule's own config.
{ lib, hostConfig }:
let
  inherit (lib) mkOption mkEnableOption types;
  base = import ./base-types.nix { inherit lib; };
in
{
  reverseProxyFor = name: defaultPort: types.submodule ({ config, ... }: {
    options = {
      enable = mkEnableOption "publishing ${name}";
      subdomain = mkOption { type = types.str; default = name; };
      hostName = mkOption {
        type = types.nullOr types.str;
        default = "${config.subdomain}.${hostConfig.networking.domain}";
      };
      backend = mkOption { type = base.backend; default = { port = defaultPort; }; };
      caddySecurity = mkOption {
        type = base.caddySecurity;
        default = { enable = config.backend.scheme == "http"; };
      };
    };
  });
}
