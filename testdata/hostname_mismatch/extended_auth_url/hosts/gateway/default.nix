# Extended schema: each site serves the portal routes itself, so a
# relative authUrl works with any cookie domain. An absolute authUrl on
# another host (auth.example.com, the portal machine, not this one) needs
# a cookie domain covering both hosts.
{ config, ... }:
let
  inherit (config.networking) domain;
  central = "https://auth.${domain}/caddy-security/oauth2/pocketid";
in
{
  networking = {
    hostName = "gateway";
    domain = "example.com";
  };

  modules.services.caddy.security = {
    enable = true;
    identityProviders.pocketid = {
      realm = "pocketid";
      baseAuthUrl = "https://id.${domain}";
    };
    authenticationPortals = {
      pocketid.identityProviders = [ "pocketid" ];
      shared = {
        identityProviders = [ "pocketid" ];
        cookie.domain = domain;
      };
    };
    authorizationPolicies = {
      default.authUrl = "/caddy-security/oauth2/pocketid";
      central.authUrl = central;
    };
  };

  modules.services.caddy.virtualHosts = {
    # Relative authUrl, no cookie domain: host-only cookie, works anywhere.
    grafana = {
      hostName = "grafana.other.net";
      caddySecurity.enable = true;
    };
    # Absolute authUrl, no cookie domain: the cookie stays on auth.example.com.
    sonarr = {
      hostName = "sonarr.${domain}";
#                 ^^^^^^^^^^^^^^^^ hostname_mismatch: protected site `sonarr` (`sonarr.example.com`) sends visitors to log in at `auth.example.com`, but portal `pocketid` sets no cookie domain, so its cookie stays on `auth.example.com`: the login can never complete
      caddySecurity = { enable = true; policy = "central"; };
    };
    # Absolute authUrl, cookie domain covering both: works.
    radarr = {
      hostName = "radarr.${domain}";
      caddySecurity = { enable = true; portal = "shared"; policy = "central"; };
    };
    # Absolute authUrl, cookie domain not covering the site.
    jellyfin = {
      hostName = "tv.other.net";
#                 ^^^^^^^^^^^^ hostname_mismatch: protected site `jellyfin` (`tv.other.net`) sends visitors to log in at `auth.example.com`, but portal `shared` shares its cookie over `example.com`, which does not cover both: the login can never complete
      caddySecurity = { enable = true; portal = "shared"; policy = "central"; };
    };
    # Not protected, or switched off.
    status = {
      hostName = "status.other.net";
      caddySecurity.policy = "central";
    };
    old-wiki = {
      enable = false;
      hostName = "wiki.other.net";
      caddySecurity = { enable = true; policy = "central"; };
    };
  };
}
