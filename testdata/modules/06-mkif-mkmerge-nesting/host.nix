# Scenario 06: mkIf inside mkMerge inside mkIf, at the module root and
# inside option values; mkIf false leaves option defaults in place; a
# mkMerge directly on a list value keeps its order.
{ config, lib, ... }:
let
  on = true;
  off = false;
in
{
  imports = [ ./options.nix ./caddy.nix ./services.nix ./nested.nix ];

  config = lib.mkIf on (lib.mkMerge [
    { networking.domain = "nest.example"; }
    (lib.mkIf off { networking.domain = lib.mkForce "never.example"; })
    (lib.mkMerge [
      (lib.mkIf on {
        modules.services.grafana.reverseProxy = {
          enable = true;
          hostName = "grafana.nest.example";
          backend.port = 3000;
        };
      })
      (lib.mkIf off {
        modules.services.grafana.reverseProxy.backend.port = lib.mkForce 1;
      })
    ])
    {
      modules.services.loki.reverseProxy = lib.mkIf on {
        enable = true;
        hostName = "loki.nest.example";
        backend = lib.mkMerge [ { port = 3100; } (lib.mkIf off { host = "10.0.0.1"; }) ];
        caddySecurity = lib.mkIf on (lib.mkMerge [
          { enable = lib.mkIf off true; }
          { policy = lib.mkIf on "admins"; }
          (lib.mkIf on { bypassPaths = lib.mkMerge [ (lib.mkIf off [ "/a" ]) [ "/b" ] (lib.mkIf on [ "/c" ]) [ "/d" ] ]; })
        ]);
      };
    }
  ]);
}
