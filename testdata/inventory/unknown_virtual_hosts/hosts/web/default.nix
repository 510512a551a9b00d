# The virtual hosts come from a package pocketlint cannot evaluate, so it
# cannot tell which of them serves `sonarr` (or with what protection).
# The inventory must say unknown instead of offering the service's own
# `caddySecurity` (protected, policy `admins`) as what Caddy enforces.
{ config, pkgs, ... }:
{
  modules.services.caddy.security = {
    enable = true;
    portalHost = "id.example.com";
    policies.admins.allowedGroups = [ "admins" ];
  };
  modules.services.sonarr.reverseProxy = {
    enable = true;
    hostName = "sonarr.example.com";
    caddySecurity = { enable = true; policy = "admins"; };
  };
  modules.services.caddy.virtualHosts = pkgs.homelab.virtualHosts;
}
