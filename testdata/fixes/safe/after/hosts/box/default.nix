# `pocketlint check --fix`: safe fixes only. The CIDRs get their network
# address and the bypass path its leading slash; the unanchored regex is left
# alone (anchoring it changes what it matches), and so is the computed CIDR.
{ lib, ... }:
let
  lan = "192.168.1.0/24";
  vpnHost = 5;
in
{
  networking.domain = "example.com";
  modules.services.caddy.security = {
    enable = true;
    portalHost = "id.example.com";
    policies.admins.allowedGroups = [ "admins" ];
  };
  modules.services.sonarr.reverseProxy = {
    enable = true;
    hostName = "sonarr.example.com";
    caddySecurity = {
      enable = true;
      policy = "admins";
      bypassPaths = [ "/api" "/feed" ];
      bypassResources = [ "/api/v3/calendar" ];
      allowedNetworks = [ lan "10.8.0.${toString vpnHost}/24" "fd00::/64" ];
    };
  };
}
