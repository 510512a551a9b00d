# Portal names, portal sets and provider lists that cannot be evaluated.
{ pkgs, ... }:
{
  networking.domain = "example.com";

  modules.services.caddy.security = {
    enable = true;
    identityProviders = pkgs.identityProviders;
    authenticationPortals = {
      pocketid.identityProviders = [ "pocketid" ];
      extra.identityProviders = pkgs.extraProviders;
    } // pkgs.morePortals;
  };
  modules.services.paperless.reverseProxy = {
    enable = true;
    hostName = "docs.example.com";
    caddySecurity = { enable = true; portal = "elsewhere"; };
  };
  modules.services.immich.reverseProxy = {
    enable = true;
    hostName = "photos.example.com";
    caddySecurity = { enable = true; portal = pkgs.portalName; };
  };
}
