# Values pocketlint cannot know (packages, flake inputs) are unknown, not
# errors: nothing is reported.
{ pkgs, inputs, ... }:
{
  networking.domain = inputs.secrets.domain;
  modules.services.grafana.reverseProxy = {
    enable = true;
    hostName = "grafana.${inputs.secrets.domain}";
    backend.port = pkgs.grafana.port;
  };
}
