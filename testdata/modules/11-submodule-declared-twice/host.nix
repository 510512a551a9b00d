# Scenario 11: the same submodule option declared by two modules. The
# option declarations merge (the submodule gets the options of both), and
# definitions can use options from either declaration. (caddy.nix drops
# the extra `mfa` field before forwarding; see 59 for what happens if not.)
{ ... }:
{
  imports = [ ./options.nix ./caddy.nix ./services.nix ./ratelimit.nix ];

  networking.domain = "merge.example";

  modules.services.grafana.reverseProxy = {
    enable = true;
    hostName = "grafana.merge.example";
    backend.port = 3000;
    caddySecurity = { enable = true; mfa = true; };
  };
  modules.services.loki.reverseProxy = {
    enable = true;
    hostName = "loki.merge.example";
    backend.port = 3100;
  };
}
