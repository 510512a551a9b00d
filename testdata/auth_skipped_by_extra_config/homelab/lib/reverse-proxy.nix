{ lib }:
let
  inherit (lib) mkOption mkEnableOption types;
in
{
  mkReverseProxyOption = port: {
    enable = mkEnableOption "publishing the service through Caddy";
    hostName = mkOption { type = types.str; };
    port = mkOption { type = types.port; default = port; };
    caddySecurity = {
      enable = mkEnableOption "Pocket ID login";
      policy = mkOption { type = types.str; default = "users"; };
    };
    extraConfig = mkOption {
      type = types.lines;
      default = "";
      description = "Caddyfile directives appended to the site.";
    };
  };
}
