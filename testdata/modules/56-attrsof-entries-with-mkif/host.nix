# Scenario 56: mkIf false at different depths of an attrsOf (submodule)
# option. On the entry itself the entry disappears; on a field inside the
# entry the entry still exists (with defaults); on the whole option value
# nothing is defined and the default ({}) remains for that definition.
{ lib, ... }:
{
  imports = [ ./options.nix ./caddy.nix ./services.nix ./more.nix ];

  networking.domain = "entries.example";
  modules.services.caddy.security.policies = {
    gone = lib.mkIf false { allowedGroups = [ "gone" ]; };
    kept.allowedGroups = lib.mkIf false [ "kept" ];
    users.allowedGroups = [ "users" ];
  };
  modules.services.grafana.reverseProxy = {
    enable = true;
    hostName = "grafana.entries.example";
    backend.port = 3000;
  };
  modules.services.caddy.virtualHosts.static = lib.mkIf false {
    hostName = "static.entries.example";
    backend.port = 8080;
  };
}
