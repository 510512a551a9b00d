{ lib, ... }:
let t = import ../types.nix { inherit lib; }; in
{
  options.modules.services.grafana.reverseProxy = lib.mkOption { type = t.reverseProxy; default = { }; };
  config.modules.services.grafana.reverseProxy = { enable = true; hostName = "grafana.dir.example"; backend.port = 3000; };
  config.modules.services.caddy.security.policies.users.allowedGroups = [ "a-grafana" ];
}
