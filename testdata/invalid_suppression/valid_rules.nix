# Suppressions naming real rules, before the line and at its end.
{
  modules.services.grafana.reverseProxy = {
    enable = true;
    hostName = "grafana.example.com";
    # pocketlint: allow(unknown_policy, overbroad_network)
    caddySecurity = { enable = true; policy = "admins"; };
    backend.port = 3000; # pocketlint: allow(malformed_cidr)
  };
}
