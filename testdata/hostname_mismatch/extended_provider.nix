# Extended schema: the identity provider must point at the Pocket ID this
# host runs. Other drivers are not Pocket ID.
{
  networking.domain = "example.com";

  modules.services.pocketid = {
    enable = true;
    domain = "id.example.com";
  };
  modules.services.caddy.security = {
    enable = true;
    identityProviders = {
      pocketid = {
        driver = "generic";
        realm = "pocketid";
        baseAuthUrl = "https://id.exmaple.com";
#                      ^^^^^^^^^^^^^^^^^^^^^^ hostname_mismatch: identity provider `pocketid` has `baseAuthUrl` on `id.exmaple.com`, but this host serves Pocket ID at `id.example.com`: `id.exmaple.com` looks like a misspelling of it
        metadataUrl = "https://id.example.com/.well-known/openid-configuration";
      };
      google = {
        driver = "google";
        realm = "google";
        baseAuthUrl = "https://accounts.google.com";
      };
    };
    authenticationPortals.main.identityProviders = [ "pocketid" "google" ];
  };
}
