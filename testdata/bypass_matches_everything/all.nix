{
  modules.services.grafana.reverseProxy = {
    enable = true;
    hostName = "grafana.example.com";
    caddySecurity = {
      enable = true;
      bypassPaths = [ "/api/health" "/" "" "*" ];
#                                    ^ bypass_matches_everything: the bypass path `/` becomes `/*`, which matches every request: authentication is off for the whole site
#                                       ^^ bypass_matches_everything: the bypass path `""` becomes `*`, which matches every request: authentication is off for the whole site
#                                           ^ bypass_matches_everything: the bypass path `*` becomes `**`, which matches every request: authentication is off for the whole site
      bypassResources = [ "^/api/v1/status$" ".*" "" "/" "^" ];
#                                             ^^ bypass_matches_everything: the bypass regex `.*` matches every request path: authentication is off for the whole site
#                                                 ^^ bypass_matches_everything: the bypass regex `""` matches every request path: authentication is off for the whole site
#                                                     ^ bypass_matches_everything: the bypass regex `/` matches every request path: authentication is off for the whole site
#                                                         ^ bypass_matches_everything: the bypass regex `^` matches every request path: authentication is off for the whole site
      allowedNetworks = [ "10.0.0.0/8" ];
    };
  };
}
