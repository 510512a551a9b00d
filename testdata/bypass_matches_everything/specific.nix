# Specific prefixes and anchored regexes are fine, even unanchored ones
# that do not match every path (that is unanchored_bypass_regex's business).
{
  modules.services.grafana.reverseProxy = {
    enable = true;
    hostName = "grafana.example.com";
    caddySecurity = {
      enable = true;
      bypassPaths = [ "/api" "/public/" ];
      bypassResources = [ "^/feed/.*\\.ics$" "/status" ];
      allowedNetworks = [ "10.0.0.0/8" ];
    };
  };
}
