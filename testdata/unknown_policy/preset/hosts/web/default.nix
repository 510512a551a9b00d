let presets = import ../../presets.nix; in
{
  modules.services.caddy.security = {
    enable = true;
    policies.admins.allowedGroups = [ "admins" ];
  };
  modules.services.jellyfin.reverseProxy = {
    enable = true;
    hostName = "tv.example.com";
    caddySecurity = presets.media;
  };
  modules.services.navidrome.reverseProxy = {
    enable = true;
    hostName = "music.example.com";
    caddySecurity = presets.media // { policy = "admins"; };
  };
}
