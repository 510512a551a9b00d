# A service and the virtual host built from it are one site; so is a
# virtual host registered under another name with the service's hostName.
{
  networking.domain = "example.com";

  modules.services.sonarr.reverseProxy = {
    enable = true;
    hostName = "sonarr.example.com";
  };
  modules.services.radarr.reverseProxy = {
    enable = true;
    hostName = "radarr.example.com";
  };
  modules.services.caddy.virtualHosts = {
    sonarr = {
      enable = true;
      hostName = "sonarr.example.com";
    };
    "radarr-site" = {
      enable = true;
      hostName = "radarr.example.com";
    };
    # Switched off: claims nothing.
    old-sonarr = {
      enable = false;
      hostName = "sonarr.example.com";
    };
  };
}
