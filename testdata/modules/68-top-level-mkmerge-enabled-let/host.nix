# Scenario 68: `config = lib.mkMerge [ { ... } (lib.mkIf enabled { ... }) ]`
# at the top of host files, `enabled` being a let-binding that reads config:
#   host.nix          enabled = caddy.security.enable, which the first,
#                     unconditional block of the *same* mkMerge sets;
#   roles/media.nix   enabled = modules.roles.media.enable (declared by the
#                     role, set true by the host): plain block + mkIf block
#                     + mkIf (!enabled) block;
#   roles/monitoring.nix  the same shape, role left disabled: only the
#                     unconditional block applies (grafana declared, port
#                     set, not published).
{ config, lib, ... }:
let
  enabled = config.modules.services.caddy.security.enable;
  inherit (config.networking) domain;
in
{
  imports = [ ./options.nix ./caddy.nix ./roles/media.nix ./roles/monitoring.nix ];

  config = lib.mkMerge [
    {
      networking.domain = "merge.example";
      modules.services.caddy.security.enable = true;
      modules.roles.media.enable = true;
    }
    (lib.mkIf enabled {
      modules.services.caddy.security = {
        portalHost = "id.${domain}";
        policies.admins.allowedGroups = [ "admins" ];
      };
    })
    (lib.mkIf (!enabled) {
      modules.services.caddy.security.policies.open.allowedNetworks = [ "0.0.0.0/0" ];
    })
  ];
}
