{ lib, ... }:
{
  modules.services.grafana.reverseProxy.headers = {
    X-Robots-Tag = "noindex";
    Referrer-Policy = lib.mkDefault "no-referrer";
  };
}
