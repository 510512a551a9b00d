# Pocket ID's own virtual host: the domain inherited into a `site` set.
{ config, ... }:
let
  site = {
    inherit (config.networking) domain;
    portal = "id";
  };
in
{
  modules.services.caddy.virtualHosts.pocket-id = {
    hostName = "${site.portal}.${site.domain}";
    backend.port = 1411;
  };
}
