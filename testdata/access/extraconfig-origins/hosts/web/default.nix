{ ... }:
let
  snippets = import ../../lib/snippets.nix;
  realm = "pocketid";
  port = 8080;
in
{
  imports = [ ../../modules/caddy.nix ];

  networking.domain = "web.test";

  modules.services.caddy = {
    enable = true;
    security = {
      enable = true;
      portalHost = "id.web.test";
      policies.users.allowedGroups = [ "users" ];
      policies.staff.allowedGroups = [ "staff" ];
      # Interpolated: template text, written by the user.
      extraConfig = ''
        transform user {
          match realm ${realm}
          action add role users
        }
      '';
    };
  };

  modules.services.pocketid.reverseProxy = {
    enable = true;
    hostName = "id.web.test";
    backend.port = 1411;
  };

  modules.services.app.reverseProxy = {
    enable = true;
    hostName = "app.web.test";
    backend.port = port;
    caddySecurity.enable = true;
    # Interpolated: template text, written by the user.
    extraConfig = ''
      handle /share/* {
        reverse_proxy 127.0.0.1:${toString port}
      }
    '';
  };

  modules.services.blog.reverseProxy = {
    enable = true;
    hostName = "blog.web.test";
    backend.port = 2368;
    caddySecurity = {
      enable = true;
      policy = "staff";
    };
    # A literal written in another file.
    extraConfig = snippets.feed;
  };
}
