# Scenario 28: `_module.args` set by modules and consumed as function
# arguments of other modules (including an argument defined in terms of
# another one). A module that only names `lib` in its header does not
# receive `site` through `args@`.
{ site, ... }:
{
  imports = [ ./options.nix ./caddy.nix ./services.nix ./site.nix ./more-args.nix ./grafana.nix ./loki.nix ];

  networking.domain = site.domain;
  modules.services.caddy.security = {
    enable = true;
    portalHost = "id.${site.domain}";
  };
}
