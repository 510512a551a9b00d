# Vaultwarden and Bookstack forward their caddySecurity to a virtual host.
{ config, lib, ... }:
let
  caddySecurityType = import ../lib/caddy-security.nix { inherit lib; };
  app = name: {
    enable = lib.mkEnableOption name;
    reverseProxy = {
      enable = lib.mkEnableOption "the reverse proxy";
      hostName = lib.mkOption { type = lib.types.str; };
      caddySecurity = lib.mkOption { type = caddySecurityType; default = { }; };
    };
  };
  register = name:
    let cfg = config.modules.services.${name}; in
    lib.mkIf (cfg.enable && cfg.reverseProxy.enable) {
      modules.services.caddy.virtualHosts.${name} = {
        inherit (cfg.reverseProxy) hostName caddySecurity;
      };
    };
in
{
  options.modules.services = {
    vaultwarden = app "Vaultwarden";
    bookstack = app "BookStack";
  };
  config = lib.mkMerge [ (register "vaultwarden") (register "bookstack") ];
}
