{ lib, ... }:
let t = import ../types.nix { inherit lib; }; in
{
  options.modules.services.loki.reverseProxy = lib.mkOption { type = t.reverseProxy; default = { }; };
  config.modules.services.loki.reverseProxy = { enable = true; hostName = "loki.dir.example"; backend.port = 3100; };
  config.modules.services.caddy.security.policies.users.allowedGroups = [ "b-loki" ];
}
