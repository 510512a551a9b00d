# Scenario 30: modules produced by functions. The same factory file is
# imported several times with different arguments (each call is a distinct
# anonymous module), a factory returns a plain attrset module, and a path
# module generates more factory calls in its own imports.
{ lib, ... }:
let mk = import ./mk-service.nix; in
{
  imports = [
    ./options.nix
    ./caddy.nix
    (mk { name = "grafana"; port = 3000; protect = true; })
    (mk { name = "loki"; port = 3100; })
    (import ./mk-attrs.nix "grafana" [ "/api/health" ])
    ./lib-module.nix
  ];

  networking.domain = "factory.example";
  modules.services.loki.reverseProxy.enable = false;
  modules.services.kuma.reverseProxy.hostName = "status.factory.example";
}
