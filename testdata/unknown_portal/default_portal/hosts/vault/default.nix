# The portal was renamed to `sso`; sites that kept the default portal name
# now point at a portal that no longer exists.
{ config, ... }:
{
  networking = {
    hostName = "vault";
    domain = "example.org";
  };

  modules.services.caddy.security = {
    enable = true;
    identityProviders.pocketid.realm = "pocketid";
    authenticationPortals.sso.identityProviders = [ "pocketid" ];
    authorizationPolicies.default.allowRoles = [ "authenticated" ];
  };

  modules.services.vaultwarden = {
    enable = true;
    reverseProxy = {
      enable = true;
      hostName = "vault.${config.networking.domain}";
      caddySecurity.enable = true;
    };
  };
  modules.services.bookstack = {
    enable = true;
    reverseProxy = {
      enable = true;
      hostName = "wiki.${config.networking.domain}";
      caddySecurity = { enable = true; portal = "sso"; };
    };
  };
}
