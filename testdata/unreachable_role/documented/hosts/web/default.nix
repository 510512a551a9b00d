# Provider scopes are not modelled in the documented schema, so any policy
# group a Pocket ID group name can be (2 to 255 characters) is reachable.
{ config, ... }:
let
  inherit (config.networking) domain;
in
{
  networking.domain = "example.com";

  modules.services.caddy.security = {
    enable = true;
    portalHost = "id.${domain}";
    policies = {
      admins.allowedGroups = [ "admins" ];
      # One character: no Pocket ID group is named like this.
      ops.allowedGroups = [ "x" ];
#                         ^^^^^^^ unreachable_role: no login through the portal can obtain a role that policy `ops` allows (`x`): no Pocket ID group name can be one (group names have 2 to 255 characters), and no claimRoles mapping or portal transform that can fire adds it, so every user is denied (403)
      # Also one character, but a mapping grants it.
      dev.allowedGroups = [ "d" ];
      # Never used by a site.
      unused.allowedGroups = [ "y" ];
    };
  };

  modules.services.grafana = {
    enable = true;
    reverseProxy = {
      enable = true;
      caddySecurity = { enable = true; policy = "ops"; };
    };
  };

  modules.services.forgejo = {
    enable = true;
    reverseProxy = {
      enable = true;
      hostName = "git.${domain}";
      caddySecurity = {
        enable = true;
        policy = "dev";
        claimRoles = [ { value = "developers"; role = "d"; } ];
      };
    };
  };

  modules.services.sonarr = {
    enable = true;
    reverseProxy = {
      enable = true;
      caddySecurity = { enable = true; policy = "admins"; };
    };
  };
}
