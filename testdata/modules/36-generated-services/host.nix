# Scenario 36: definitions generated with lib.mapAttrs', lib.genAttrs,
# lib.optionalAttrs and builtins.listToAttrs from a table of services.
{ config, lib, ... }:
let
  ports = { sonarr = 8989; radarr = 7878; lidarr = 8686; bazarr = 6767; };
  protected = [ "sonarr" "radarr" ];
  d = config.networking.domain;
in
{
  imports = [ ./options.nix ./caddy.nix ./services.nix ];

  networking.domain = "arr.example";

  modules.services = lib.mapAttrs' (name: port: lib.nameValuePair name {
    reverseProxy = {
      enable = name != "bazarr";
      hostName = "${name}.${d}";
      backend.port = port;
    } // lib.optionalAttrs (lib.elem name protected) {
      caddySecurity = { enable = true; policy = "media"; };
    };
  }) ports
  // { caddy.security = { enable = true; portalHost = "id.${d}"; }; };
} // {
  # A second block in the same module would be a duplicate attribute, so
  # extra definitions come through an inline import.
  imports = [
    ./options.nix ./caddy.nix ./services.nix
    ({ lib, ... }: {
      modules.services = lib.genAttrs [ "sonarr" "lidarr" ] (n: {
        reverseProxy.caddySecurity.bypassPaths = [ "/api" ];
      });
    })
    {
      modules.services.caddy.security.policies = builtins.listToAttrs (map
        (g: { name = g; value.allowedGroups = [ g ]; })
        [ "media" "admins" "media" ]);
    }
  ];
}
