# The host's domain throws: nixos-rebuild would stop here, and so does the
# evaluation of this host.
{ lib, ... }:
{
  networking.domain = throw "set networking.domain for this host";
#                     ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ eval_error: set networking.domain for this host
  modules.services.grafana.reverseProxy = {
    enable = true;
    hostName = "grafana.example.com";
  };
}
