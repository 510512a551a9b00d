# Scenario 65: dynamic attribute names `modules.services.${serviceName}` in
# option declarations and in config, with serviceName a let-binding of each
# service file (services/*.nix) or of this file:
#   - `options.modules.services.${serviceName} = { ... }` (services) and
#     `options.modules.services.${serviceName}.reverseProxy = ...` (here);
#   - `config.modules.services.${serviceName}` read through `cfg`, for the
#     proxy flag, a mkIf condition and the port (radarr's set by the host);
#   - a dynamic name next to a static sibling in one attribute set
#     (`modules.services.${serviceName}.x` with `modules.services.caddy.y`);
#   - the quoted form `."${serviceName}"` and computed names
#     (`${"sonarr"}`, `${lib.toLower "Radarr"}`) when the host enables them.
# bazarr is declared the same way but not enabled: its reverseProxy is off,
# so it gets no virtual host and no policy group.
{ config, lib, ... }:
let
  serviceName = "jellyfin";
  t = import ./types.nix { inherit lib; };
in
{
  imports = [ ./options.nix ./caddy.nix ./services/sonarr.nix ./services/radarr.nix ./services/bazarr.nix ];

  options.modules.services.${serviceName}.reverseProxy = lib.mkOption {
    type = t.reverseProxy;
    default = { };
  };

  config = {
    networking.domain = "dyn.example";
    modules.services.${"sonarr"}.enable = true;
    modules.services.${lib.toLower "Radarr"} = { enable = true; port = 7879; };
    modules.services."${serviceName}".reverseProxy = {
      enable = true;
      hostName = "${serviceName}.${config.networking.domain}";
      backend.port = 8096;
      caddySecurity = { enable = true; policy = "media"; };
    };
    modules.services.caddy.security = {
      enable = true;
      portalHost = "id.${config.networking.domain}";
      policies.media.allowedGroups = [ "${serviceName}-users" ];
    };
  };
}
