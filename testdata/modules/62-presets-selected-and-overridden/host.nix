# Scenario 62: caddy-security presets selected from an imported defaults
# set (`defaults.caddySecurity.media`) and overridden with `//` before the
# module system sees them. `//` is a shallow update that happens in Nix,
# not a module merge:
# jellyfin:   `media // { bypassPaths = [ "/health" ]; }` replaces the
#             preset's list (no concatenation with "/api/shared").
# jellyseerr: `media // { policy = ...; claimRoles = [ ]; }` replaces a
#             string and empties the preset's claimRoles.
# sonarr:     `admin // { allowedNetworks = admin.allowedNetworks ++ ...; }`
#             extends the preset explicitly.
# grafana:    `admin` unchanged here, plus a bypassPaths definition from
#             services/monitoring.nix: two definitions, lists concatenate.
# navidrome:  `media // { enable = false; }`: the preset is switched off,
#             its other fields stay.
# policies:   `defaults.policies // { requests = ...; }` adds a policy and
#             `// { media = ...; }` replaces the preset's media policy
#             whole (allowedNetworks of the preset is gone).
{ config, lib, ... }:
let
  defaults = import ./lib/defaults.nix { inherit config lib; };
  inherit (defaults.caddySecurity) admin;
in
{
  imports = [ ./options.nix ./caddy.nix ./services ];

  networking.domain = "media.example";

  modules.services.caddy.security = {
    enable = true;
    portalHost = "id.${config.networking.domain}";
    policies = defaults.policies
      // { requests.allowedGroups = [ "jellyseerr-users" ]; }
      // { media.allowedGroups = [ "media" "family" ]; };
  };

  modules.services.jellyfin.reverseProxy.caddySecurity =
    defaults.caddySecurity.media // { bypassPaths = [ "/health" ]; };
  modules.services.jellyseerr.reverseProxy.caddySecurity =
    defaults.caddySecurity.media // { policy = "requests"; claimRoles = [ ]; };
  modules.services.sonarr.reverseProxy.caddySecurity =
    admin // { allowedNetworks = admin.allowedNetworks ++ [ "100.64.0.0/10" ]; };
  modules.services.grafana.reverseProxy.caddySecurity = defaults.caddySecurity.admin;
  modules.services.navidrome.reverseProxy.caddySecurity =
    defaults.caddySecurity.media // { enable = false; };
}
