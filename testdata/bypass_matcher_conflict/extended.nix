{ pkgs, ... }:
{
  modules.services.caddy.security = {
    enable = true;
    authorizationPolicies.admins.allowRoles = [ "admins" ];
  };
  modules.services.caddy.virtualHosts = {
    sonarr = {
      enable = true;
      hostName = "sonarr.example.com";
      caddySecurity = {
        enable = true;
        policy = "admins";
        bypassPaths = [ "/api" "/feed" ];
        bypassResources = [ "^/feed/v3/calendar/sonarr\\.ics$" "^/api/v3/system/status$" ];
#                         ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ bypass_matcher_conflict: 2 `bypassResources` regexes go into one Caddy matcher, where only one `expression` line survives (the first on Caddy 2.11, the last on 2.6): the others never bypass anything
#                         ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ bypass_matcher_conflict: `bypassPaths` and `bypassResources` go into one Caddy matcher, which requires both: a request skips authentication only if its path has one of the prefixes AND matches the regex
        allowedNetworks = [ "192.168.1.0/24" ];
      };
    };
    # One list only: fine.
    radarr = {
      enable = true;
      hostName = "radarr.example.com";
      caddySecurity = {
        enable = true;
        bypassResources = [ "^/feed/v3/calendar/radarr\\.ics$" ];
        allowedNetworks = [ "192.168.1.0/24" ];
      };
    };
    # Unknown lists and sites that are off.
    lidarr = {
      enable = true;
      hostName = "lidarr.example.com";
      caddySecurity = {
        enable = true;
        bypassPaths = pkgs.lidarrPaths;
        bypassResources = [ "^/feed/calendar\\.ics$" ];
      };
    };
    readarr = {
      enable = false;
      hostName = "readarr.example.com";
      caddySecurity = {
        enable = true;
        bypassPaths = [ "/api" ];
        bypassResources = [ "^/a$" "^/b$" ];
      };
    };
    bazarr = {
      hostName = "bazarr.example.com";
      caddySecurity = {
        enable = false;
        bypassPaths = [ "/api" ];
        bypassResources = [ "^/a$" "^/b$" ];
      };
    };
  };
}
