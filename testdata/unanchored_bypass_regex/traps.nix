# Anchored regexes, deliberate prefixes (`^/rss/`, SEMANTICS rule 14),
# explicit `.*` prefixes, and regexes other rules report stay silent.
{
  modules.services.caddy.security = {
    enable = true;
    portalHost = "id.example.com";
    policies.users.allowedGroups = [ "users" ];
  };
  modules.services.sonarr.reverseProxy = {
    enable = true;
    hostName = "sonarr.example.com";
    caddySecurity = {
      enable = true;
      policy = "users";
      bypassResources = [
        "^/api/system/status$"
        "\\A/api/v3/health\\z"
        "^/rss/"
        "^/feed/.*"
        "^/static/.+"
        "^/api/v1/(status|health)(/.*)?"
        ".*\\.ics$"
        "(?i)^/api/ping$"
        "^/a$|^/b$"
        "^(/c|/d)$"
        ".*"
        "^/api/(v1"
      ];
      allowedNetworks = [ "192.168.1.0/24" ];
    };
  };
}
