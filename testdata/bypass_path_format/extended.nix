# The extended schema's module appends `*` to every entry (SEMANTICS §1.1).
{
  modules.services.caddy.security = {
    enable = true;
    authorizationPolicies.admins.allowRoles = [ "admins" ];
  };
  modules.services.caddy.virtualHosts.radarr = {
    enable = true;
    hostName = "radarr.example.com";
    caddySecurity = {
      enable = true;
      policy = "admins";
      bypassPaths = [ "/api/*" "/feed*" "/api" "/calendar/" "*.ics" ];
#                      ^^^^^^ bypass_path_format: the bypass path `/api/*` ends in `*`, but the module appends another: `/api/**` is a glob in which `*` does not cross `/`, so only one path segment is bypassed
#                               ^^^^^^ bypass_path_format: the bypass path `/feed*` ends in `*`, but the module appends another: `/feed**` is a glob in which `*` does not cross `/`, so only one path segment is bypassed
#                                                            ^^^^^ bypass_path_format: the bypass path `*.ics` starts with `*`, which Caddy's path matcher reads as "anything before": it skips authentication for every path that contains `.ics`, not for one prefix
      allowedNetworks = [ "192.168.1.0/24" ];
      staticApiKeys = [
        {
          name = "homepage";
          envVar = "HOMEPAGE_RADARR_KEY";
          paths = [ "api/v3/queue" "/api/v3/movie/*" "/api/v3/history" ];
#                    ^^^^^^^^^^^^ bypass_path_format: the static API key path `api/v3/queue` does not start with `/`: request paths always do, so it never matches
#                                   ^^^^^^^^^^^^^^^ bypass_path_format: the static API key path `/api/v3/movie/*` ends in `*`, but the module appends another: `/api/v3/movie/**` is a glob in which `*` does not cross `/`, so only one path segment is bypassed
          allowedNetworks = [ "192.168.1.10" ];
        }
      ];
    };
  };
  modules.services.caddy.virtualHosts.lidarr = {
    enable = false;
    hostName = "lidarr.example.com";
    caddySecurity = {
      enable = true;
      bypassPaths = [ "api" ];
    };
  };
}
