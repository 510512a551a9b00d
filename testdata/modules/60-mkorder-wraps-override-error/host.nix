# Scenario 60 (expected to fail): mkBefore (mkDefault [...]). Priorities
# are only looked for at the top of a definition: the mkOrder wrapper hides
# the mkOverride, which then reaches the list type unchanged -> type error.
# (mkDefault (mkBefore [...]) is fine.)
{ lib, ... }:
{
  imports = [ ./options.nix ./caddy.nix ./services.nix ];
  networking.domain = "err.example";
  modules.services.grafana.reverseProxy = {
    enable = true;
    hostName = "grafana.err.example";
    backend.port = 3000;
  };
  modules.services.grafana.reverseProxy.caddySecurity.bypassPaths = lib.mkBefore (lib.mkDefault [ "/api" ]);
}
