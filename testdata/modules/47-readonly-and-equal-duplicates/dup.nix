# The same values as the host, defined again.
{
  networking.domain = "dup.example";
  modules.services.grafana.reverseProxy = {
    enable = true;
    backend.port = 3000;
    backend.scheme = "http";
    caddySecurity.policy = "users";
  };
}
