# Scenario 05: option defaults are definitions of priority 1500
# (mkOptionDefault). A definition with the same priority merges *with* the
# default (lists concatenate, default first); a weaker one (1501) loses to
# the default; mkDefault (1000) replaces it, even with an empty list.
{ lib, ... }:
let
  base = name: port: {
    enable = true;
    hostName = "${name}.defaults.example";
    backend.port = port;
  };
in
{
  imports = [ ./options.nix ./caddy.nix ./services.nix ./more.nix ];

  networking.domain = "defaults.example";

  modules.services.a.reverseProxy = base "a" 1 // { extraPaths = lib.mkOverride 1500 [ "/a" ]; };
  modules.services.b.reverseProxy = base "b" 2 // { extraPaths = lib.mkOptionDefault [ "/b" ]; };
  modules.services.c.reverseProxy = base "c" 3 // { extraPaths = lib.mkOverride 1501 [ "/c" ]; };
  modules.services.d.reverseProxy = base "d" 4 // { extraPaths = lib.mkDefault [ ]; };
  modules.services.e.reverseProxy = base "e" 5 // { weight = lib.mkOptionDefault 10; };
  modules.services.f.reverseProxy = base "f" 6 // { weight = lib.mkOverride 999 20; };
}
