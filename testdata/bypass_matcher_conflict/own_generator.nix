# The documented schema with the repository's own generator: the generated
# Caddyfile decides whether paths and regexes end up ANDed.
{ config, lib, ... }:
let
  rp = name: config.modules.services.${name}.reverseProxy;
  paths = s: lib.concatMapStringsSep " " (p: "${p}*") s.caddySecurity.bypassPaths;
  # One matcher for both: ANDed.
  anded = s: ''
    @bypass {
      path ${paths s}
      path_regexp ${lib.head s.caddySecurity.bypassResources}
    }
    route @bypass {
      reverse_proxy 127.0.0.1:8989
    }
  '';
  # One matcher each: ORed.
  ored = s: ''
    @bypass_paths path ${paths s}
    @bypass_regex path_regexp ${lib.head s.caddySecurity.bypassResources}
    route @bypass_paths {
      reverse_proxy 127.0.0.1:7878
    }
    route @bypass_regex {
      reverse_proxy 127.0.0.1:7878
    }
  '';
  site = policy: network: {
    enable = true;
    policy = policy;
    bypassPaths = [ "/api" ];
    allowedNetworks = [ network ];
  };
in
{
  modules.services.caddy.security = {
    enable = true;
    portalHost = "id.example.com";
    policies.users.allowedGroups = [ "users" ];
  };
  modules.services.sonarr.reverseProxy = {
    enable = true;
    hostName = "sonarr.example.com";
    caddySecurity = site "users" "192.168.1.0/24" // {
      bypassResources = [ "^/feed/sonarr\\.ics$" ];
#                       ^^^^^^^^^^^^^^^^^^^^^^^^^^ bypass_matcher_conflict: `bypassPaths` and `bypassResources` go into one Caddy matcher, which requires both: a request skips authentication only if its path has one of the prefixes AND matches the regex
    };
  };
  modules.services.radarr.reverseProxy = {
    enable = true;
    hostName = "radarr.example.com";
    caddySecurity = site "users" "192.168.1.0/24" // {
      bypassResources = [ "^/feed/radarr\\.ics$" ];
    };
  };
  services.caddy = {
    enable = true;
    virtualHosts."sonarr.example.com".extraConfig = anded (rp "sonarr");
    virtualHosts."radarr.example.com".extraConfig = ored (rp "radarr");
  };
}
