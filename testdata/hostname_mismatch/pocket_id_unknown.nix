# Pocket ID's publicUrl cannot be known: whether the provider points at
# it cannot be judged, so nothing is reported.
{ pkgs, ... }:
{
  networking.domain = "example.com";
  modules.services.pocketid = {
    enable = true;
    domain = "id.example.com";
    publicUrl = pkgs.pocketIdUrl;
  };
  modules.services.caddy.security = {
    enable = true;
    identityProviders.pocketid = {
      driver = "generic";
      realm = "pocketid";
      baseAuthUrl = "https://id2.example.com";
    };
    authenticationPortals.main.identityProviders = [ "pocketid" ];
  };
}
