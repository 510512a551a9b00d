{ config, lib, pkgs, ... }:
let
  inherit (config.networking) domain;
  presets = import ../../lib/presets.nix;
in
{
  networking.domain = "ravenhill.example";

  modules.services.caddy.security = {
    enable = true;
    portalHost = "id.${domain}";
    policies = {
      admins.allowedGroups = [ "admins" ];
      users.allowedGroups = [ "admins" "users" "family_members" ];
      # The display name, not the group's name.
      family.allowedGroups = [ "Family Members" ];
#                               ^^^^^^^^^^^^^^ caddyfile_unsafe_value: the group `Family Members` is pasted into the Caddyfile unquoted: Caddy reads 2 tokens, `Family` and `Members`, so the policy allows `Family` or `Members`
    };
  };

  modules.services.jellyfin = {
    enable = true;
    reverseProxy = {
      enable = true;
      hostName = "watch.${domain}";
      caddySecurity = {
        enable = true;
        claimRoles = presets.family ++ presets.staff;
      };
    };
  };

  modules.services.grafana = {
    enable = true;
    reverseProxy = {
      enable = true;
      caddySecurity = {
        enable = true;
        policy = "admins";
        claimRoles = [
          { value = "#ops"; role = "admins"; }
#                    ^^^^ caddyfile_unsafe_value: claimRoles `value` `#ops` is pasted into the Caddyfile unquoted: `#ops` starts a comment, so Caddy ignores the rest of the line
          # A `#` inside a word is literal.
          { value = "c#-devs"; role = "admins"; }
        ];
        bypassPaths = [ "/api/health" "/public dashboards" ];
#                                      ^^^^^^^^^^^^^^^^^^ caddyfile_unsafe_value: the bypass path `/public dashboards` is pasted into the Caddyfile unquoted: Caddy reads 2 tokens, `/public` and `dashboards`, so the matcher gets the separate entries `/public` and `dashboards`
      };
    };
  };

  modules.services.sonarr = {
    enable = true;
    reverseProxy = {
      enable = true;
      caddySecurity = {
        enable = true;
        policy = ''"admins"'';
#                  ^^^^^^^^ caddyfile_unsafe_value: `policy` `"admins"` is pasted into the Caddyfile unquoted: Caddy reads the quotes as syntax, so the value becomes `admins`
        claimRoles = [ { value = "{$SONARR_GROUP}"; role = pkgs.sonarrRole; } ];
#                                 ^^^^^^^^^^^^^^^ caddyfile_unsafe_value: claimRoles `value` `{$SONARR_GROUP}` is pasted into the Caddyfile unquoted: Caddy replaces `{$SONARR_GROUP}` with the environment variable `SONARR_GROUP` when it loads the file
      };
    };
  };

  # Off: its values are never rendered.
  modules.services.immich = {
    enable = false;
    reverseProxy = {
      enable = true;
      caddySecurity = {
        enable = true;
        claimRoles = [ { value = "Photo Club"; role = "users"; } ];
      };
    };
  };

  modules.services.audiobookshelf = lib.mkIf true {
    enable = true;
    reverseProxy = {
      enable = true;
      hostName = "books.${domain} ";
      caddySecurity.enable = false;
    };
  };
}
