# A module with `options` and a `config = mkMerge [ ... ]` mixing plain
# blocks and mkIf blocks that read the module's own option.
{ config, lib, ... }:
let
  t = import ./types.nix { inherit lib; };
  cfg = config.modules.services.grafana;
in
{
  options.modules.services.grafana = {
    enable = lib.mkEnableOption "grafana";
    public = lib.mkOption { type = lib.types.bool; default = false; };
    reverseProxy = lib.mkOption { type = t.reverseProxy; default = { }; };
  };

  config = lib.mkMerge [
    { modules.services.grafana.reverseProxy.backend.port = 3000; }
    (lib.mkIf cfg.enable {
      modules.services.grafana.reverseProxy = {
        enable = true;
        hostName = "grafana.${config.networking.domain}";
      };
    })
    (lib.mkIf (cfg.enable && !cfg.public) {
      modules.services.grafana.reverseProxy.caddySecurity = { enable = true; policy = "admins"; };
      modules.services.caddy.security.policies.admins.allowedGroups = [ "grafana-admins" ];
    })
    (lib.mkIf cfg.public {
      modules.services.grafana.reverseProxy.caddySecurity.bypassPaths = [ "/public" ];
    })
  ];
}
