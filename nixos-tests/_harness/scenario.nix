{ scenarioDir }:
let
  lib = import ./lib.nix;
  evaluated = lib.evalModules { modules = [ (/. + scenarioDir + "/host.nix") ]; };
  cfg = evaluated.config;
  services = cfg.modules.services;
  names = builtins.filter
    (n: n != "caddy" && builtins.isAttrs services.${n} && services.${n} ? reverseProxy)
    (builtins.attrNames services);
  perService = builtins.listToAttrs (map
    (n: { name = n; value = { reverseProxy = services.${n}.reverseProxy; }; })
    names);
in
{
  networking.domain = cfg.networking.domain;
  modules.services = perService // {
    caddy = {
      security = services.caddy.security;
      virtualHosts = services.caddy.virtualHosts;
    };
  };
}
