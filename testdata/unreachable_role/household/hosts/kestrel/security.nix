{ config, ... }:
let
  inherit (config.networking) domain;
in
{
  modules.services.caddy.security = {
    enable = true;

    identityProviders = {
      pocketid = {
        realm = "kestrel";
        scopes = [ "openid" "email" "profile" "groups" ];
      };
      # Friends only prove their e-mail address.
      pocketid-guests = {
        realm = "kestrel-guests";
        scopes = [ "openid" "email" ];
      };
    };

    authenticationPortals = {
      pocketid = {
        identityProviders = [ "pocketid" ];
        extraConfig = ''
          transform user {
            match realm kestrel
            action add role authenticated
          }
        '';
      };
      guests.identityProviders = [ "pocketid-guests" ];
    };

    authorizationPolicies = {
      default.allowRoles = [ "authenticated" ];
      admins.allowRoles = [ "admins" ];
      guests.allowRoles = [ "guests" ];
#                         ^^^^^^^^^^^^ unreachable_role: no login through portal `guests` can obtain a role that policy `guests` allows (`guests`): the portal's identity providers request neither the `groups` nor the `profile` scope, so no Pocket ID group becomes a role, and no claimRoles mapping or portal transform that can fire adds one, so every user is denied (403)
      readers.allowRoles = [ "readers" ];
      family.allowRoles = [ "family" "admins" ];
      public.allowRoles = [ "authp/guest" ];
      "${domain}-ops".allowRoles = [ "ops" ];
    };
  };
}
