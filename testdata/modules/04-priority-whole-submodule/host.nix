# Scenario 04: priorities are resolved per option, on whole definitions.
# grafana: mkForce on the whole caddySecurity block drops the host's plain
#          field definitions of the same block.
# loki:    mkForce on a single field, the other module defines the whole
#          block plainly: both blocks are kept, the field's mkForce wins.
# gitea:   mkForce on the whole backend drops backend.host set elsewhere.
# wiki:    a whole-block mkDefault loses against a *field* mkDefault set
#          elsewhere (that block is a plain definition of caddySecurity).
{ lib, ... }:
{
  imports = [ ./options.nix ./caddy.nix ./services.nix ./defaults.nix ];

  networking.domain = "prio.example";

  modules.services.grafana.reverseProxy = {
    enable = true;
    hostName = "grafana.prio.example";
    backend.port = 3000;
    caddySecurity.bypassPaths = [ "/x" ];
    caddySecurity.policy = "users";
  };
  modules.services.loki.reverseProxy = {
    enable = true;
    hostName = "loki.prio.example";
    backend.port = 3100;
    caddySecurity = { policy = "users"; enable = true; };
  };
  modules.services.gitea.reverseProxy = {
    enable = true;
    hostName = "git.prio.example";
    backend.host = "10.0.0.1";
  };
  modules.services.wiki.reverseProxy = {
    enable = true;
    hostName = "wiki.prio.example";
    backend.port = 3002;
    caddySecurity.enable = lib.mkDefault true;
  };
}
