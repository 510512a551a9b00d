# Adding a string to a number fails in Nix as well.
{
  networking.domain = "example.com";
  modules.services.grafana.reverseProxy = {
    enable = true;
    hostName = "grafana." + 3;
#                           ^ eval_error: cannot coerce an integer to a string
  };
}
