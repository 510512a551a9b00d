# Scenario 53: several mkForce definitions of a list all survive and
# concatenate; an mkForce [] empties a list that others define plainly; a
# list defined only by mkDefault keeps it.
{ ... }:
{
  imports = [ ./options.nix ./caddy.nix ./services.nix ./a.nix ./b.nix ];

  networking.domain = "force.example";
  modules.services.grafana.reverseProxy = {
    enable = true;
    hostName = "grafana.force.example";
    backend.port = 3000;
    caddySecurity.allowedNetworks = [ "192.168.0.0/16" ];
  };
  modules.services.loki.reverseProxy = {
    enable = true;
    hostName = "loki.force.example";
    backend.port = 3100;
    caddySecurity.bypassPaths = [ "/ready" "/metrics" ];
  };
}
