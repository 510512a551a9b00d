# Service factory: builds the NixOS module for a plain web app that runs one
# NixOS service and is published through modules.services.caddy.
#
#   imports = [
#     (mkService { name = "grafana"; port = 3000; })
#     (mkService { name = "ntfy"; port = 2586; nixosService = "ntfy-sh"; public = true; })
#   ];
{ name
, port
, subdomain ? name
, nixosService ? name
, serviceConfig ? (cfg: { })
, public ? false
}:
{ config, lib, ... }:
let
  cfg = config.modules.services.${name};
  proxy = import ./proxy.nix { inherit lib; };
in
{
  options.modules.services.${name} = {
    enable = lib.mkEnableOption name;

    port = lib.mkOption {
      type = lib.types.port;
      default = port;
    };

    reverseProxy = proxy.mkReverseProxyOption "How ${name} is published.";
  };

  config = lib.mkMerge [
    (lib.mkIf cfg.enable {
      services.${nixosService} = { enable = true; } // serviceConfig cfg;

      modules.services.${name}.reverseProxy = {
        hostName = lib.mkDefault "${subdomain}.${config.networking.domain}";
        backend.port = lib.mkDefault cfg.port;
      };
    })

    (lib.mkIf (cfg.enable && cfg.reverseProxy.enable) {
      modules.services.caddy.virtualHosts.${name} = {
        inherit (cfg.reverseProxy) hostName backend caddySecurity;
        inherit public;
      };
    })

    {
      assertions = [
        {
          assertion = cfg.reverseProxy.enable -> cfg.enable;
          message = "modules.services.${name}.reverseProxy.enable is set, but modules.services.${name}.enable is not.";
        }
      ];
    }
  ];
}
