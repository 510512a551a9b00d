# The documented schema's generator is the repository's own (the one in
# nixos-tests/documented-schema gives each regex its own matcher): silent.
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
      bypassPaths = [ "/api" "/feed" ];
      bypassResources = [ "^/api/system/status$" "^/feed/calendar\\.ics$" ];
      allowedNetworks = [ "192.168.1.0/24" ];
    };
  };
}
