# A second machine whose only site has a bypass regex: under SEMANTICS
# §1.1 its Caddyfile does not load.
{ ... }:
let
  domain = "regex.test";
  lan = [ "192.168.1.0/24" ];
  site = name: port: cs: {
    enable = true;
    hostName = "${name}.${domain}";
    backend.port = port;
    caddySecurity = { enable = true; } // cs;
  };
in
{
  imports = [ ../kestrel/security.nix ];

  networking.domain = domain;

  modules.services.caddy = {
    enable = true;
    virtualHosts = {
      # §1.2: paths, regex and networks in one ANDed matcher; the regex is
      # rendered as `expression {regexp(path, "…")}`, which does not compile.
      sonarr = site "sonarr" 8989 {
        policy = "admins";
        bypassPaths = [ "/api" "/feed" ];
        bypassResources = [ "^/feed/v3/calendar/sonarr\\.ics$" ];
        allowedNetworks = lan;
      };
    };
  };
}
