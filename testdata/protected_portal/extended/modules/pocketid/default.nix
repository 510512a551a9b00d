# Pocket ID registers its own site and forwards the host's caddySecurity
# settings like every other service does.
{ config, lib, ... }:
let
  cfg = config.modules.services.pocketid;
in
{
  options.modules.services.pocketid = {
    enable = lib.mkEnableOption "Pocket ID";
    reverseProxy = {
      enable = lib.mkEnableOption "the reverse proxy";
      subdomain = lib.mkOption { type = lib.types.str; default = "id"; };
      caddySecurity = lib.mkOption {
        type = lib.types.attrs;
        default = { };
      };
    };
  };

  config = lib.mkIf cfg.enable {
    modules.services.caddy.virtualHosts.pocketid = {
      inherit (cfg.reverseProxy) enable caddySecurity;
      hostName = "${cfg.reverseProxy.subdomain}.${config.networking.domain}";
    };
  };
}
