# Well-formed, including the constructs parsers trip over: nested
# interpolation, indented strings with `''$`, and paths with `${}`.
{ config, lib, ... }:
let
  domain = "example.com";
  sub = name: "${name}.${domain}";
in
{
  modules.services.grafana.reverseProxy = {
    enable = true;
    hostName = sub "grafana";
    extraConfig = ''
      header X-Served-By "${sub "edge"}"
      respond /health ''${HEALTH:-ok} 200
    '';
  };
}
