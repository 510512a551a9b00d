# The extended schema without a generator pocketlint can evaluate: answers
# come from SEMANTICS §1.1 applied to the model.
{ ... }:
let
  domain = "kestrel.test";
  lan = [ "192.168.1.0/24" ];
  site = name: port: cs: {
    enable = true;
    hostName = "${name}.${domain}";
    backend.port = port;
    caddySecurity = { enable = true; } // cs;
  };
in
{
  imports = [ ./security.nix ];

  networking.domain = domain;

  modules.services.caddy = {
    enable = true;
    virtualHosts = {
      pocketid = {
        enable = true;
        hostName = "id.${domain}";
        backend.port = 1411;
      };

      radarr = site "radarr" 7878 {
        policy = "admins";
        bypassPaths = [ "/api" ];
        allowedNetworks = lan;
      };

      prowlarr = site "prowlarr" 9696 {
        policy = "admins";
        staticApiKeys = [
          {
            name = "homepage";
            envVar = "HOMEPAGE_PROWLARR_KEY";
            paths = [ "/api/v1/indexerstats" ];
          }
        ];
      };

      immich = site "photos" 2283 { } // {
        extraConfig = ''
          handle /share/* {
            reverse_proxy http://127.0.0.1:2283
          }
        '';
      };

      jellyseerr = site "requests" 5055 {
        portal = "guests";
        policy = "guests";
        claimRoles = [
          { claim = "groups"; value = "friends"; role = "guests"; }
        ];
      };
    };
  };
}
