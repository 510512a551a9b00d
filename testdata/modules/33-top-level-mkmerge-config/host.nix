# Scenario 33: `config = lib.mkMerge [ ... ]` at the top of modules (host
# and grafana.nix), with mkIf blocks reading options of the same module.
{ lib, ... }:
{
  imports = [ ./options.nix ./caddy.nix ./grafana.nix ];

  config = lib.mkMerge [
    { networking.domain = "merge.example"; }
    { modules.services.grafana.enable = true; }
    (lib.mkIf true { modules.services.caddy.security.enable = true; })
    { modules.services.caddy.security.policies.admins.allowedGroups = [ "root" ]; }
  ];
}
