# In a single-file case undeclared options are unknown (a module pocketlint
# does not see may set them), so the empty bypass lists are written out.
{
  modules.services.caddy.security = {
    enable = true;
    portalHost = "id.example.com";
    policies.users.allowedGroups = [ "users" ];
  };
  # "LAN only" was the intent; nothing is emitted for it.
  modules.services.jellyfin.reverseProxy = {
    enable = true;
    hostName = "tv.example.com";
    caddySecurity = {
      enable = true;
      policy = "users";
      bypassPaths = [ ];
      bypassResources = [ ];
      allowedNetworks = [ "192.168.50.0/24" ];
#     ^^^^^^^^^^^^^^^ networks_without_bypass: `allowedNetworks` is set but there is no `bypassPaths` or `bypassResources`: it only limits who may use a bypass, so the site is not restricted to these networks
    };
  };
  # The bypass lists are not set, and could come from elsewhere: silent.
  modules.services.navidrome.reverseProxy = {
    enable = true;
    hostName = "music.example.com";
    caddySecurity = {
      enable = true;
      policy = "users";
      allowedNetworks = [ "192.168.50.0/24" ];
    };
  };
  # Guards a bypass: fine, with paths or with regexes.
  modules.services.sonarr.reverseProxy = {
    enable = true;
    hostName = "sonarr.example.com";
    caddySecurity = {
      enable = true;
      policy = "users";
      bypassPaths = [ "/api" ];
      bypassResources = [ ];
      allowedNetworks = [ "192.168.50.0/24" ];
    };
  };
  modules.services.radarr.reverseProxy = {
    enable = true;
    hostName = "radarr.example.com";
    caddySecurity = {
      enable = true;
      policy = "users";
      bypassPaths = [ ];
      bypassResources = [ "^/feed/calendar\\.ics$" ];
      allowedNetworks = [ "192.168.50.0/24" ];
    };
  };
  # Empty networks say nothing.
  modules.services.grafana.reverseProxy = {
    enable = true;
    hostName = "grafana.example.com";
    caddySecurity = {
      enable = true;
      policy = "users";
      bypassPaths = [ ];
      bypassResources = [ ];
      allowedNetworks = [ ];
    };
  };
  # Off.
  modules.services.lidarr.reverseProxy = {
    enable = false;
    hostName = "lidarr.example.com";
    caddySecurity = {
      enable = true;
      bypassPaths = [ ];
      bypassResources = [ ];
      allowedNetworks = [ "192.168.50.0/24" ];
    };
  };
  # The global bypass policy's networks are not a site's.
  modules.services.caddy.security.policies.bypass.allowedNetworks = [ "10.0.0.0/8" ];
}
