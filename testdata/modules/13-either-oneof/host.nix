# Scenario 13: either / oneOf. When all definitions fit the first type
# they are merged with it (two lists concatenate), otherwise with the
# second; equal single values merge fine.
{ ... }:
{
  imports = [ ./options.nix ./caddy.nix ./services.nix ./extra.nix ./more.nix ];

  networking.domain = "either.example";

  modules.services.grafana.reverseProxy = {
    enable = true;
    hostName = "grafana.either.example";
    backend.port = 3000;
    aliases = [ "dash.either.example" ];
    listen = [ "[::]:443" ];
    upstream = 8080;
  };
}
