# Auth URLs, realms and provider lists that cannot be evaluated.
{ pkgs, ... }:
{
  networking.domain = "example.com";

  modules.services.caddy.security = {
    enable = true;
    identityProviders = {
      pocketid = { driver = "generic"; realm = pkgs.realm; };
      other = { driver = "generic"; realm = "other"; };
    };
    authenticationPortals = {
      main = { identityProviders = [ "pocketid" ]; extraConfig = ""; };
      side = { identityProviders = pkgs.providers; extraConfig = ""; };
    };
    authorizationPolicies = {
      a.authUrl = "/caddy-security/oauth2/pocketid";
      b.authUrl = pkgs.authUrl;
      c.authUrl = "/caddy-security/oauth2/other";
    };
  };
  modules.services.caddy.virtualHosts = {
    x = { enable = true; hostName = "x.example.com"; caddySecurity = { enable = true; portal = "main"; policy = "a"; }; };
    y = { enable = true; hostName = "y.example.com"; caddySecurity = { enable = true; portal = "main"; policy = "b"; }; };
    z = { enable = true; hostName = "z.example.com"; caddySecurity = { enable = true; portal = "side"; policy = "c"; }; };
  };
}
