# Scenario 02: mkBefore / mkAfter / mkOrder on a list option across modules.
# Sorting is by order priority (mkBefore 500, plain 1000, mkAfter 1500) and
# is stable: equal priorities keep module-collection order.
{ lib, ... }:
{
  imports = [ ./options.nix ./caddy.nix ./services.nix ./p1.nix ./p2.nix ./p3.nix ];

  networking.domain = "sort.example";
  modules.services.grafana.reverseProxy = {
    enable = true;
    hostName = "grafana.sort.example";
    backend.port = 3000;
    caddySecurity.bypassPaths = [ "/host-plain" ];
    caddySecurity.allowedNetworks = lib.mkAfter [ "10.9.0.0/16" ];
  };
}
