{ lib, ... }:
let t = import ../../types.nix { inherit lib; }; in
{
  imports = [ ./extra.nix ];
  options.modules.services.tempo.reverseProxy = lib.mkOption { type = t.reverseProxy; default = { }; };
  config.modules.services.tempo.reverseProxy = { hostName = "tempo.dir.example"; backend.port = 3200; };
  config.modules.services.caddy.security.policies.users.allowedGroups = [ "c-tempo" ];
}
