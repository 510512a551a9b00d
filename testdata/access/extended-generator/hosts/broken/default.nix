# Three reasons for Caddy to refuse this host's whole Caddyfile: a bypass
# regex (rendered as `expression {regexp(path, "…")}`, which is not CEL),
# an undefined portal, and two sites with one address. Each site still
# gets its own answer, with a warning.
{ ... }:
let
  domain = "broken.test";
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
      sonarr = site "sonarr" 8989 {
        policy = "admins";
        bypassPaths = [ "/api" "/feed" ];
        bypassResources = [ "^/feed/v3/calendar/sonarr\\.ics$" ];
        allowedNetworks = lan;
      };
      paperless = site "docs" 28981 { portal = "pocket-id"; };
      uptime-kuma = site "status" 3001 { };
      gatus = site "status" 8080 { };
    };
  };
}
