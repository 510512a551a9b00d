# Whether the security app runs cannot be known: no policy is judged.
{ pkgs, ... }:
{
  networking.domain = "example.com";

  modules.services.caddy.security = {
    enable = pkgs.securityOn;
    identityProviders.pocketid = { driver = "generic"; realm = "example-pocketid"; };
    authenticationPortals.main.identityProviders = [ "pocketid" ];
    authorizationPolicies.admins.authUrl = "/caddy-security/oauth2/pocketid";
  };

  modules.services.grafana.reverseProxy = {
    enable = true;
    hostName = "grafana.example.com";
    caddySecurity = { enable = true; portal = "main"; policy = "admins"; };
  };
}
