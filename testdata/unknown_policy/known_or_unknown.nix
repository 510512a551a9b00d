# Defined policies, unknown policy names and unknown policy sets are silent.
{ pkgs, ... }:
{
  modules.services.caddy.security = {
    enable = true;
    policies = { admins.allowedGroups = [ "admins" ]; } // pkgs.extraPolicies;
  };
  modules.services.grafana.reverseProxy = {
    enable = true;
    hostName = "grafana.example.com";
    caddySecurity = { enable = true; policy = "anything"; };
  };
}
