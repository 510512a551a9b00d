# Extra configuration that does not get around the generated authorization.
{ config, lib, pkgs, ... }:
let
  inherit (config.networking) domain;
  protect = policy: { enable = true; inherit policy; };
in
{
  networking.domain = "ravenhill.example";

  modules.services = {
    # A fixed answer, a redirect, a handle with its own authorization,
    # directives inside `route` (they keep their written order), comments
    # and quoted text.
    grafana.reverseProxy = {
      enable = true;
      hostName = "grafana.${domain}";
      caddySecurity = protect "admins";
      extraConfig = ''
        handle /healthz {
          respond "ok" 200
        }
        redir /old-dashboards /dashboards 301
        handle /admin/* {
          authorize with admins
          reverse_proxy 127.0.0.1:3000
        }
        route /metrics {
          handle {
            reverse_proxy 127.0.0.1:9090
          }
        }
        # handle /debug/* { reverse_proxy 127.0.0.1:6060 }
        header X-Note "handle { reverse_proxy x }"
      '';
    };

    # Not protected: its handles skip nothing.
    jellyfin.reverseProxy = {
      enable = true;
      hostName = "watch.${domain}";
      extraConfig = ''
        handle /web/* {
          reverse_proxy 127.0.0.1:8096
        }
      '';
    };

    # Protected, but turned off.
    filebrowser.reverseProxy = {
      enable = false;
      hostName = "files.${domain}";
      caddySecurity = protect "admins";
      extraConfig = ''
        handle /share/* {
          reverse_proxy 127.0.0.1:8085
        }
      '';
    };

    # The text comes from a package: nothing can be told.
    navidrome.reverseProxy = {
      enable = true;
      hostName = "music.${domain}";
      caddySecurity = protect "users";
      extraConfig = pkgs.navidrome-caddy-snippet;
    };
  };
}
