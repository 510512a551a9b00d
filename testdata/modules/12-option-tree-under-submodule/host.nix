# Scenario 12: an option tree declared under an existing submodule option
# (grafana.reverseProxy.compress / headers.frameOptions) is merged into that
# submodule; the values appear in reverseProxy next to the original ones.
{ ... }:
{
  imports = [ ./options.nix ./caddy.nix ./services.nix ./extra.nix ];

  networking.domain = "tree.example";

  modules.services.grafana.reverseProxy = {
    enable = true;
    hostName = "grafana.tree.example";
    backend.port = 3000;
    headers.frameOptions = "SAMEORIGIN";
  };
}
