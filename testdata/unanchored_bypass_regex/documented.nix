# The documented schema: regexes with and without anchors.
{
  modules.services.caddy.security = {
    enable = true;
    portalHost = "id.example.com";
    policies.users.allowedGroups = [ "users" ];
  };
  modules.services.radarr.reverseProxy = {
    enable = true;
    hostName = "radarr.example.com";
    caddySecurity = {
      enable = true;
      policy = "users";
      bypassResources = [
        "/api/v3/system/status"
#        ^^^^^^^^^^^^^^^^^^^^^ unanchored_bypass_regex: the bypass regex `/api/v3/system/status` is not anchored at either end (`^…$`): Go regexes match anywhere in the path, so it bypasses authentication for `/x/api/v3/system/status/y` too
        "/api/v3/health$"
#        ^^^^^^^^^^^^^^^ unanchored_bypass_regex: the bypass regex `/api/v3/health$` is not anchored at the start (`^`): Go regexes match anywhere in the path, so it bypasses authentication for `/x/api/v3/health` too
        "^/api/v3/queue"
#        ^^^^^^^^^^^^^^ unanchored_bypass_regex: the bypass regex `^/api/v3/queue` is not anchored at the end (`$`): Go regexes also match longer paths, so it bypasses authentication for `/api/v3/queue/y` too
        "^/api/v3/movie/\\d+"
#        ^^^^^^^^^^^^^^^^^^^ unanchored_bypass_regex: the bypass regex `^/api/v3/movie/\d+` is not anchored at the end (`$`): Go regexes also match longer paths, so it bypasses authentication for longer paths that start with a match too
        "^/calendar/radarr\\.ics"
#        ^^^^^^^^^^^^^^^^^^^^^^^ unanchored_bypass_regex: the bypass regex `^/calendar/radarr\.ics` is not anchored at the end (`$`): Go regexes also match longer paths, so it bypasses authentication for `/calendar/radarr.ics/y` too
        "/a|/b"
#        ^^^^^ unanchored_bypass_regex: the bypass regex `/a|/b` is not anchored at either end (`^…$`): Go regexes match anywhere in the path, so it bypasses authentication for any path that merely contains a match too
        "^/c|^/d"
#        ^^^^^^^ unanchored_bypass_regex: the bypass regex `^/c|^/d` is not anchored at the end (`$`): Go regexes also match longer paths, so it bypasses authentication for longer paths that start with a match too
        "(?m)^/e$"
#        ^^^^^^^^ unanchored_bypass_regex: the bypass regex `(?m)^/e$` is not anchored at either end (`^…$`) (under `(?m)`, `^` and `$` also match at every line break): Go regexes match anywhere in the path, so it bypasses authentication for any path that merely contains a match too
      ];
      allowedNetworks = [ "192.168.1.0/24" ];
    };
  };
}
