# Scenario 15: nullOr. Two non-null list definitions concatenate; a
# nullOr submodule defined by two modules merges both blocks and fills in
# submodule defaults; mkIf false definitions leave the null default.
{ ... }:
{
  imports = [ ./options.nix ./caddy.nix ./services.nix ./extra.nix ./more.nix ];

  networking.domain = "nullor.example";

  modules.services.grafana.reverseProxy = {
    enable = true;
    hostName = "grafana.nullor.example";
    backend.port = 3000;
    extraPaths = [ "/one" ];
    tls = { email = "admin@nullor.example"; };
  };
  modules.services.loki.reverseProxy = {
    enable = false;
    backend.port = 3100;
    extraPaths = null;
  };
}
