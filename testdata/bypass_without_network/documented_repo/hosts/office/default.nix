# The seed's `bypass` policy: generators such as the one in
# nixos-tests/documented-schema guard bypasses without their own networks
# with its list, so nothing can be said here.
{ config, lib, ... }:
let
  domain = config.networking.domain;
in
{
  imports = [ ../../modules/nixos ];

  networking.hostName = "office";
  networking.domain = "office.example.com";

  modules.services.caddy.security = {
    enable = true;
    portalHost = "id.${domain}";
    policies = {
      admins.allowedGroups = [ "admins" ];
      bypass.allowedNetworks = [ "10.0.0.0/8" "192.168.0.0/16" ];
    };
  };

  modules.services.home-assistant = {
    enable = true;
    reverseProxy = {
      enable = true;
      hostName = "home.${domain}";
      caddySecurity = {
        enable = true;
        policy = "admins";
        bypassPaths = [ "/api" ];
      };
    };
  };
}
