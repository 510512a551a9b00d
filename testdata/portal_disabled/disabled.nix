# The portal is switched off while a site asks for Pocket ID login.
{
  networking.domain = "example.com";

  modules.services.caddy.security = {
    enable = false;
    portalHost = "id.example.com";
    policies.admins.allowedGroups = [ "admins" ];
  };
  modules.services.grafana.reverseProxy = {
    enable = true;
    hostName = "grafana.example.com";
    caddySecurity = {
      enable = true;
#     ^^^^^^ portal_disabled: `grafana` enables caddySecurity, but `modules.services.caddy.security.enable` is `false` on this host: the portal is not served, so the site either redirects to a login that never comes or is served without one
      policy = "admins";
    };
  };
  # Not protected, or not served: no portal needed.
  modules.services.homepage.reverseProxy = {
    enable = true;
    hostName = "home.example.com";
    caddySecurity.enable = false;
  };
  modules.services.wiki = {
    enable = false;
    reverseProxy = {
      enable = true;
      hostName = "wiki.example.com";
      caddySecurity.enable = true;
    };
  };
}
