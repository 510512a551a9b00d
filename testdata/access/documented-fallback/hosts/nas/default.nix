# The seed's setup without a generator pocketlint can evaluate.
{ ... }:
let
  domain = "nas.test";
  lan = [ "192.168.50.0/24" ];
in
{
  imports = [ ../../modules/security.nix ../../modules/apps.nix ];

  networking.domain = domain;

  modules.services.caddy.security = {
    enable = true;
    portalHost = "id.${domain}";
    policies = {
      admins.allowedGroups = [ "admins" ];
      users.allowedGroups = [ "admins" "users" ];
      bypass.allowedNetworks = [ "10.0.0.0/8" ];
    };
  };

  modules.services = {
    pocketid.reverseProxy = {
      enable = true;
      hostName = "id.${domain}";
    };

    media.reverseProxy = {
      enable = true;
      hostName = "media.${domain}";
      caddySecurity = {
        enable = true;
        bypassPaths = [ "/api" ];
        bypassResources = [ "^/health$" ];
        allowedNetworks = lan;
      };
    };

    # No allowedNetworks, while the `bypass` policy has networks.
    rss.reverseProxy = {
      enable = true;
      hostName = "rss.${domain}";
      caddySecurity = {
        enable = true;
        bypassPaths = [ "/rss" ];
      };
    };

    dash.reverseProxy = {
      enable = true;
      hostName = "dash.${domain}";
      caddySecurity = {
        enable = true;
        policy = "admins";
      };
    };

    photos.reverseProxy = {
      enable = true;
      hostName = "photos.${domain}";
      caddySecurity = {
        enable = true;
        claimRoles = [
          { claim = "groups"; value = "family"; role = "admins"; }
        ];
      };
    };

    kuma.reverseProxy = {
      enable = true;
      hostName = "status.${domain}";
      caddySecurity.enable = true;
      extraConfig = ''
        handle /status/* {
          reverse_proxy 127.0.0.1:3001
        }
      '';
    };

    public.reverseProxy = {
      enable = true;
      hostName = "public.${domain}";
    };
  };
}
