{
  modules.services.caddy.security = {
    enable = true;
    portalHost = "id.example.com";
    policies.admins.allowedGroups = [ "admins" ];
    policies.users.allowedGroups = [ "users" ];
  };
  modules.services.grafana.reverseProxy = {
    enable = true;
    hostName = "grafana.example.com";
    caddySecurity = {
      enable = true;
      policy = "admin";
#               ^^^^^ unknown_policy: policy `admin` is not defined
    };
  };
  modules.services.sonarr.reverseProxy = {
    enable = true;
    hostName = "sonarr.example.com";
    caddySecurity = {
      enable = true;
      policy = "users";
    };
  };
}
