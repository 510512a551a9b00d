# Scenario 34: mkIf false on whole modules: as the value returned by a
# module function, as an element of `imports` (a bare mkIf, not a
# function) and as the `config` of a module that also declares options.
# The services keep their defaults (the other fields come from the host).
{ lib, ... }:
{
  imports = [
    ./options.nix
    ./caddy.nix
    ./services.nix
    ./loki.nix
    ./tempo.nix
    (lib.mkIf false { modules.services.grafana.reverseProxy.backend.port = lib.mkForce 1; })
  ];

  networking.domain = "iffalse.example";
  modules.services.grafana.reverseProxy = {
    enable = true;
    hostName = "grafana.iffalse.example";
    backend.port = 3000;
  };
  modules.services.loki.reverseProxy.backend.port = 3100;
  modules.services.tempo.reverseProxy.backend.port = 3200;
}
