# Extended schema: the portal, the claim mappings and the static keys are
# compared too.
{ config, ... }:
let
  rp = config.modules.services;
in
{
  modules.services.caddy.security = {
    enable = true;
    identityProviders.pocketid = { driver = "generic"; realm = "pocketid"; scopes = [ "openid" "email" "groups" ]; };
    authenticationPortals.pocketid.identityProviders = [ "pocketid" ];
    authenticationPortals.guests.identityProviders = [ "pocketid" ];
    authorizationPolicies.media.allowRoles = [ "media" ];
  };

  modules.services.jellyfin.reverseProxy = {
    enable = true;
    hostName = "watch.example.com";
    caddySecurity = {
      enable = true;
#     ^^^^^^ dropped_caddy_security: the virtual host `jellyfin` built from `jellyfin` does not carry its caddySecurity `portal`, `claimRoles` and `staticApiKeys`: `portal` is `pocketid` instead of `guests`; `claimRoles` lacks 1 of the service's 1 mapping; `staticApiKeys` lacks 1 of the service's 1 key
      portal = "guests";
      policy = "media";
      claimRoles = [ { claim = "groups"; value = "family"; role = "media"; } ];
      staticApiKeys = [
        { name = "homepage"; headerName = "X-Api-Key"; envVar = "JELLYFIN_KEY"; paths = [ "/Sessions" ]; allowedNetworks = [ "192.168.1.10" ]; }
      ];
    };
  };
  modules.services.caddy.virtualHosts.jellyfin = {
    hostName = "watch.example.com";
    caddySecurity = {
      inherit (rp.jellyfin.reverseProxy.caddySecurity) enable policy;
      portal = "pocketid";
    };
  };

  # Same values, in another order: nothing is lost.
  modules.services.navidrome.reverseProxy = {
    enable = true;
    hostName = "music.example.com";
    caddySecurity = {
      enable = true;
      portal = "pocketid";
      policy = "media";
      bypassPaths = [ "/rest" "/share" ];
    };
  };
  modules.services.caddy.virtualHosts.navidrome = {
    hostName = "music.example.com";
    caddySecurity = {
      enable = true;
      portal = "pocketid";
      policy = "media";
      bypassPaths = [ "/share" "/rest" ];
    };
  };
}
