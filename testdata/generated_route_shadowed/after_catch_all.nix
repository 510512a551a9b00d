{ ... }:
{
  services.caddy = {
    enable = true;
    virtualHosts."a.example.com".extraConfig = ''
      route /* {
        reverse_proxy 127.0.0.1:1
      }
      respond "maintenance"
#     ^^^^^^^^^^^^^^^^^^^^^ generated_route_shadowed: generated route `respond "maintenance"` (Caddyfile line 15) never runs: the earlier route block (route, in Caddy's sorted order) always matches and always answers
    '';
  };
}
