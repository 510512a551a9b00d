# A generator with one matcher per kind of bypass (ORed), loading fine.
{ config, lib, ... }:
let
  sites = {
    app = { port = 3000; paths = [ "/api/" "/feed" ]; regex = "^/rss/[a-z]+\\.xml$"; networks = [ "127.0.0.2/32" ]; };
    docs = { port = 3001; paths = [ "/public/" ]; regex = null; networks = [ "127.0.0.0/30" ]; };
  };
  render = name: s: ''
    @bypass_paths_${name} {
      path ${lib.concatMapStringsSep " " (p: "${p}*") s.paths}
      remote_ip ${lib.concatStringsSep " " s.networks}
    }
    route @bypass_paths_${name} {
      reverse_proxy 127.0.0.1:${toString s.port}
    }
    ${lib.optionalString (s.regex != null) ''
      @bypass_regex_${name} {
        path_regexp ${s.regex}
        remote_ip ${lib.concatStringsSep " " s.networks}
      }
      route @bypass_regex_${name} {
        reverse_proxy 127.0.0.1:${toString s.port}
      }
    ''}
    route /* {
      respond "login required" 401
    }
  '';
in
{
  services.caddy = {
    enable = true;
    virtualHosts = lib.mapAttrs
      (name: s: { hostName = "${name}.example.com"; extraConfig = render name s; })
      sites;
  };
}
