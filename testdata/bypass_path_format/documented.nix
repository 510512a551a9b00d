# The documented schema: the generator is the repository's own, so only
# what is wrong under any rendering is reported.
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
      allowedNetworks = [ "192.168.1.0/24" ];
      bypassPaths = [
        "api"
#        ^^^ bypass_path_format: the bypass path `api` does not start with `/`: request paths always do, so it never matches
        "api/v3/queue"
#        ^^^^^^^^^^^^ bypass_path_format: the bypass path `api/v3/queue` does not start with `/`: request paths always do, so it never matches
        "https://radarr.example.com/feed"
#        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ bypass_path_format: the bypass path `https://radarr.example.com/feed` does not start with `/`: request paths always do, so it never matches
        "*.ics"
#        ^^^^^ bypass_path_format: the bypass path `*.ics` starts with `*`, which Caddy's path matcher reads as "anything before": it skips authentication for every path that ends with or contains `.ics`, not for one prefix
        "^/api/v1$"
#        ^^^^^^^^^ bypass_path_format: the bypass path `^/api/v1$` looks like a regex, but Caddy matches path entries as literal prefixes: it never matches
        "/api/.*"
#        ^^^^^^^ bypass_path_format: the bypass path `/api/.*` looks like a regex, but Caddy matches path entries as literal prefixes: its regex characters match only themselves
        "/files/my%20report"
#        ^^^^^^^^^^^^^^^^^^ bypass_path_format: the bypass path `/files/my%20report` contains `%`: Caddy then compares it with the still percent-encoded request path, so whether it matches depends on how each client encodes the URL
        "/api/*/status"
#        ^^^^^^^^^^^^^ bypass_path_format: the bypass path `/api/*/status` has a `*` before its end: Caddy's path matcher then switches to glob matching, where `*` does not cross `/`, instead of a prefix match
        "/api?apikey=1"
#        ^^^^^^^^^^^^^ bypass_path_format: the bypass path `/api?apikey=1` contains `?`: the query string is never part of the path Caddy matches, and in a glob `?` is a wildcard
        "/v[12]/status"
#        ^^^^^^^^^^^^^ bypass_path_format: the bypass path `/v[12]/status` contains `[`, a glob character in Caddy's path matcher: depending on how the entry is rendered it is a character class or a literal `[`
      ];
    };
  };
  modules.services.sonarr.reverseProxy = {
    enable = true;
    hostName = "sonarr.example.com";
    caddySecurity = {
      enable = true;
      policy = "users";
      allowedNetworks = [ "192.168.1.0/24" ];
      # Plain prefixes; `/api/*` depends on the generator (fine when it
      # renders `/p /p/*`); the match-everything entries and placeholders
      # are other rules' business.
      bypassPaths = [ "/api" "/feed/" "/index.html" "/.well-known/" "/api/*" "/" "" "*" "/*" "{env.PREFIX}/api" ];
    };
  };
}
