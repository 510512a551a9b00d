# The seed's `bypass` policy: some generators use its networks for bypass
# routes without their own (nixos-tests/documented-schema does), so the
# finding would be a guess.
{
  modules.services.caddy.security = {
    enable = true;
    portalHost = "id.example.com";
    policies = {
      admins.allowedGroups = [ "admins" ];
      bypass.allowedNetworks = [ "10.0.0.0/8" "192.168.0.0/16" ];
    };
  };
  modules.services.prowlarr.reverseProxy = {
    enable = true;
    hostName = "prowlarr.example.com";
    caddySecurity = {
      enable = true;
      policy = "admins";
      bypassPaths = [ "/api" ];
    };
  };
}
