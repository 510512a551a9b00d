# A part of the configuration nixpkgs defines stays open after `//`:
# `services.nginx` is nobody's here, so reading it through an updated copy
# of `config.services` is unknown, as it is without the copy. Nothing is
# reported.
{ config, ... }:
let
  services = config.services // { local.enable = true; };
in
{
  networking.domain = "example.com";
  modules.services.grafana.reverseProxy = {
    enable = true;
    hostName = "grafana.example.com";
    extraConfig = if services.nginx.enable then "# behind nginx" else "";
  };
}
