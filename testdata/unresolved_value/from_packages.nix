# The policy comes from a package set pocketlint does not evaluate: the rules
# that needed it say so (only when unresolved_value is enabled).
{ pkgs, ... }:
{
  modules.services.caddy.security = {
    enable = true;
    policies.admins.allowedGroups = [ "admins" ];
  };
  modules.services.grafana.reverseProxy = {
    enable = true;
    hostName = "grafana.example.com";
    caddySecurity = {
      enable = true;
      policy = pkgs.homelab.defaultPolicy;
#              ^^^^^^^^^^^^^^^^^^^^^^^^^^ unresolved_value: could not evaluate the policy: the module argument `pkgs` is not known to pocketlint (nixpkgs or a flake provides it)
    };
  };
}
