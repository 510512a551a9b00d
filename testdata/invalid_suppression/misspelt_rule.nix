# A suppression naming no rule suppresses nothing.
{
  modules.services.grafana.reverseProxy = {
    enable = true;
    hostName = "grafana.example.com";
    # pocketlint: allow(unknwn_policy)
#                       ^^^^^^^^^^^^^ invalid_suppression: `unknwn_policy` is not a pocketlint rule, so this comment suppresses nothing
    caddySecurity = { enable = true; policy = "admins"; };
  };
}
