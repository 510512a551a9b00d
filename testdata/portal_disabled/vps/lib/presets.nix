{
  admin = {
    enable = true;
#   ^^^^^^ portal_disabled: `uptime-kuma` enables caddySecurity, but `modules.services.caddy.security.enable` is never set (it defaults to `false`) on this host: the portal is not served, so the site either redirects to a login that never comes or is served without one
    policy = "admins";
  };
  trusted = [ "10.100.0.0/24" ];
}
