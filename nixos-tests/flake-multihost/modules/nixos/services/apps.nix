# Small web apps, each built by the repository's service factory.
{ lib, ... }:
let
  inherit (import ../../../lib { inherit lib; }) mkService;
in
{
  imports = [
    (mkService {
      name = "grafana";
      port = 3000;
      serviceConfig = cfg: {
        settings.server = {
          http_addr = "127.0.0.1";
          http_port = cfg.port;
        };
      };
    })

    (mkService {
      name = "home-assistant";
      port = 8123;
      subdomain = "home";
      serviceConfig = cfg: {
        config.http = {
          server_port = cfg.port;
          use_x_forwarded_for = true;
          trusted_proxies = [ "127.0.0.1" ];
        };
      };
    })

    (mkService { name = "uptime-kuma"; port = 3001; subdomain = "status"; })

    (mkService {
      name = "ntfy";
      port = 2586;
      nixosService = "ntfy-sh";
      # Phones subscribe without a browser login; ntfy has its own ACLs.
      public = true;
      serviceConfig = cfg: {
        settings = {
          listen-http = "127.0.0.1:${toString cfg.port}";
          auth-default-access = "deny-all";
        };
      };
    })
  ];
}
