# Scenario 51: submodule definitions that are modules, not attrsets: a
# function receiving the submodule's own `config` and `name` (here the
# attribute name "reverseProxy", the last element of the option path) and
# using `imports`; and an explicit `{ config = ...; }` module written as a
# function for loki.
{ ... }:
{
  imports = [ ./options.nix ./caddy.nix ./services.nix ./more.nix ];

  networking.domain = "fn.example";
  modules.services.grafana.reverseProxy = {
    enable = true;
    backend.port = 3000;
  };
  modules.services.loki.reverseProxy = { ... }: {
    config = { enable = true; hostName = "loki.fn.example"; backend.port = 3100; };
  };
}
