# Scenario 29: specialArgs. The entry point only has `evalModules {
# modules = [ ./host.nix ]; }`, so specialArgs are exercised through a
# submoduleWith option: its modules receive `siteName` and use it in
# `imports`. The reverse proxy is filled from that submodule.
{ config, lib, ... }:
let site = config.internal.site; in
{
  imports = [ ./options.nix ./caddy.nix ./services.nix ];

  options.internal.site = lib.mkOption {
    type = lib.types.submoduleWith {
      specialArgs = { siteName = "wiki"; };
      modules = [ ./site-module.nix ];
    };
    default = { };
  };

  config = {
    networking.domain = "special.example";
    internal.site.paths = [ "/health" ];
    modules.services.wiki.reverseProxy = {
      enable = true;
      hostName = site.hostName;
      backend.port = site.port;
      caddySecurity.bypassPaths = site.paths;
    };
  };
}
