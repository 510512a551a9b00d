{ config, lib, ... }:
let t = import ./types.nix { inherit lib; hostConfig = config; }; in
{
  options.modules.services.grafana = {
    port = lib.mkOption { type = lib.types.port; default = 3000; };
    reverseProxy = lib.mkOption {
      type = t.reverseProxyFor "grafana" config.modules.services.grafana.port;
      default = { };
    };
  };
  options.modules.services.loki.reverseProxy = lib.mkOption {
    type = t.reverseProxyFor "loki" 3100;
    default = { };
  };
  options.modules.services.vault.reverseProxy = lib.mkOption {
    type = t.reverseProxyFor "vault" 8200;
    default = { };
  };
}
