# Scenario 54: submodule option defaults that read the submodule's own
# config (description from allowedGroups) and the outer configuration
# (allowedNetworks from caddy.security.defaultNetworks, captured as
# `outer` because the submodule's `config` argument shadows it).
{ ... }:
{
  imports = [ ./options.nix ./caddy.nix ./services.nix ];

  networking.domain = "self.example";
  modules.services.caddy.security = {
    defaultNetworks = [ "192.168.0.0/16" ];
    policies.admins = { };
    policies.users.allowedGroups = [ "users" "family" ];
    policies.ops.description = "operators";
  };
  modules.services.grafana.reverseProxy = {
    enable = true;
    hostName = "grafana.self.example";
    backend.port = 3000;
  };
}
