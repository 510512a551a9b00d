# Kavita (comics and e-books). E-readers fetch the OPDS feed with a key in
# the URL and cannot log in through Pocket ID, so the feed can be opened.
{ config, lib, ... }:
let
  cfg = config.modules.services.kavita;
  cs = import ../../../../lib/caddy-security.nix { inherit lib; };
in
{
  options.modules.services.kavita = {
    enable = lib.mkEnableOption "Kavita";

    opds = {
      enable = lib.mkEnableOption "unauthenticated access to the OPDS feed";
      path = lib.mkOption {
        type = lib.types.str;
        default = "";
        example = "/api/opds";
        description = "Path prefix of the OPDS feed.";
      };
    };

    reverseProxy = cs.mkReverseProxyOption { subdomain = "books"; port = 5000; };
  };

  config = lib.mkIf cfg.enable {
    services.kavita = {
      enable = true;
      settings.Port = cfg.reverseProxy.port;
      tokenKeyFile = "/var/lib/kavita/token.key";
    };

    modules.services.kavita.reverseProxy.caddySecurity.bypassPaths =
      lib.mkIf cfg.opds.enable [ cfg.opds.path ];

    modules.services.caddy.virtualHosts.kavita = {
      inherit (cfg.reverseProxy) enable extraConfig caddySecurity;
      hostName = "${cfg.reverseProxy.subdomain}.${config.networking.domain}";
      backend.port = cfg.reverseProxy.port;
    };
  };
}
