{ lib, ... }:
{
  # A submodule value may be a whole module: a function with `config`,
  # `name` and `imports`.
  modules.services.grafana.reverseProxy = { config, name, ... }: {
    imports = [ ./proxy-defaults.nix ];
    hostName = "${name}-${toString config.backend.port}.fn.example";
  };
}
