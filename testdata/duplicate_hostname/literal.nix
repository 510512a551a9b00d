# Two services with one hostName (case does not matter). A port makes
# another site, a disabled service claims nothing, unknown names are skipped.
{ config, pkgs, ... }:
{
  networking.domain = "example.com";

  modules.services.grafana.reverseProxy = {
    enable = true;
    hostName = "metrics.${config.networking.domain}";
  };
  modules.services.prometheus.reverseProxy = {
    enable = true;
    hostName = "Metrics.example.com";
#               ^^^^^^^^^^^^^^^^^^^ duplicate_hostname: `prometheus` and `grafana` both claim the hostName `Metrics.example.com`: Caddy refuses two sites with one address, or serves only one of them
  };
  modules.services.alertmanager.reverseProxy = {
    enable = true;
    hostName = "metrics.example.com:9093";
  };
  modules.services.loki = {
    enable = false;
    reverseProxy = {
      enable = true;
      hostName = "metrics.example.com";
    };
  };
  modules.services.tempo.reverseProxy = {
    enable = true;
    hostName = pkgs.tempoHost;
  };
  modules.services.sonarr.reverseProxy = {
    enable = true;
    hostName = "sonarr.example.com";
  };
}
