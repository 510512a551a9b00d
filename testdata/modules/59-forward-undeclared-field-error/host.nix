# Scenario 59 (expected to fail): grafana's caddySecurity has an extra
# option (mfa, from a second declaration). caddy.nix forwards the whole
# caddySecurity value into the virtual host, whose caddySecurity type has
# no `mfa` option: the definition does not match any option.
{ ... }:
{
  imports = [ ./options.nix ./caddy.nix ./services.nix ./mfa.nix ];

  networking.domain = "mfa.example";
  modules.services.grafana.reverseProxy = {
    enable = true;
    hostName = "grafana.mfa.example";
    backend.port = 3000;
    caddySecurity.enable = true;
  };
}
