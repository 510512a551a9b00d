# Scenario 20: types.attrs merges definitions with a shallow `//` in
# definition order: a later definition replaces a whole nested attribute
# (team) instead of merging into it; the option default is dropped.
{ ... }:
{
  imports = [ ./options.nix ./caddy.nix ./services.nix ./extra.nix ./a.nix ./b.nix ];

  networking.domain = "attrs.example";
  modules.services.grafana.reverseProxy = {
    enable = true;
    hostName = "grafana.attrs.example";
    backend.port = 3000;
    labels.owner = "host";
  };
}
