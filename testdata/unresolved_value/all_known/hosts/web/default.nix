# Every value a rule needs is known (options declared, values literal or
# computed from other known values): nothing to say.
{ config, lib, ... }:
let
  inherit (config.networking) domain;
  lan = [ "192.168.1.0/24" ];
in
{
  imports = [ ../../modules ];
  networking.domain = "example.com";

  modules.services.caddy.security = {
    enable = true;
    portalHost = "id.${domain}";
    policies.admins.allowedGroups = [ "admins" ];
    policies.users.allowedGroups = [ "admins" "users" ];
  };

  modules.services.grafana = {
    enable = true;
    reverseProxy = {
      enable = true;
      caddySecurity = {
        enable = true;
        policy = lib.mkDefault "admins";
        claimRoles = [ { value = "ops"; role = "admins"; } ];
      };
    };
  };
}
