# Portals whose logins can or cannot obtain the roles a policy allows.
{ lib, pkgs, ... }:
let
  site = portal: policy: {
    enable = true;
    reverseProxy = {
      enable = true;
      caddySecurity = { enable = true; inherit portal policy; };
    };
  };
in
{
  networking.domain = "example.com";

  modules.services.caddy.security = {
    enable = true;
    identityProviders = {
      mail-only = { realm = "mail"; scopes = [ "openid" "email" ]; };
      github = { driver = "github"; realm = "github"; scopes = [ "read:user" ]; };
      opaque = { realm = "opaque"; scopes = pkgs.pocketidScopes; };
    };
    authenticationPortals = {
      mail.identityProviders = [ "mail-only" ];
      # Local users carry whatever roles the store gives them.
      local = { identityProviders = [ "mail-only" ]; identityStores = [ "localdb" ]; };
      # A provider whose claims pocketlint cannot judge.
      social.identityProviders = [ "github" ];
      unknown.identityProviders = [ "opaque" ];
      raw = {
        identityProviders = [ "mail-only" ];
        extraConfig = ''
          # every login is a member
          transform user {
            match origin local
            action add role member
          }
        '';
      };
    };
    authorizationPolicies = {
      members.allowRoles = [ "member" ];
      staff.allowRoles = [ "staff" ];
#                        ^^^^^^^^^^^ unreachable_role: no login through portal `mail` can obtain a role that policy `staff` allows (`staff`): the portal's identity providers request neither the `groups` nor the `profile` scope, so no Pocket ID group becomes a role, and no claimRoles mapping or portal transform that can fire adds one, so every user is denied (403)
      chain.allowRoles = [ "editor" ];
    };
  };

  modules.services = {
    # No groups arrive on portal `mail`, and nothing grants `staff`.
    wiki = site "mail" "staff";

    # Off: not reported.
    pad = site "mail" "staff" // { enable = false; };
  };
}
