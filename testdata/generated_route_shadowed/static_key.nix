# A static-key route (two paths: source order) after a broader bypass.
{ lib, ... }:
let
  key = { name = "homepage"; paths = [ "/api/v3/movie" "/api/v3/queue" ]; };
#                ^^^^^^^^^^ generated_route_shadowed: generated route `route @key_homepage {` (Caddyfile line 46) never runs: every request it matches also matches the earlier `route` block, which always answers (in Caddy's sorted order)
  paths = lib.concatMapStringsSep " " (p: "${p}*") key.paths;
in
{
  services.caddy = {
    enable = true;
    virtualHosts."radarr.example.com".extraConfig = ''
      @bypass {
        path /api*
        remote_ip 192.168.1.0/24
      }
      route @bypass {
        reverse_proxy 127.0.0.1:7878
      }
      @key_${key.name} {
        header X-Api-Key secret
        path ${paths}
        remote_ip 192.168.1.10/32
      }
      route @key_${key.name} {
        reverse_proxy 127.0.0.1:7878 {
          header_up X-Auth-Source static-api-key
        }
      }
    '';
    # One path each: Caddy runs the longer path first, nothing is shadowed.
    virtualHosts."prowlarr.example.com".extraConfig = ''
      @bypass {
        path /api*
        remote_ip 192.168.1.0/24
      }
      route @bypass {
        reverse_proxy 127.0.0.1:9696
      }
      @key {
        header X-Api-Key secret
        path /api/v1/indexerstats*
        remote_ip 192.168.1.10/32
      }
      route @key {
        reverse_proxy 127.0.0.1:9696
      }
    '';
  };
}
