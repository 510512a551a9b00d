# Every policy here can be satisfied by some login.
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
      chain.allowRoles = [ "editor" ];
    };
  };

  modules.services = {
    # The same policy on portals where roles can come from elsewhere.
    notes = site "local" "staff";
    blog = site "social" "staff";
    docs = site "unknown" "staff";

    # `member` comes from the portal's raw transform.
    forum = site "raw" "members";

    # `editor` comes through a chain: the e-mail claim gives `writer`, and
    # `writer` (now a role) gives `editor`.
    cms = lib.recursiveUpdate (site "mail" "chain") {
      reverseProxy.caddySecurity.claimRoles = [
        { claim = "email"; value = "ed@example.com"; role = "writer"; }
        { claim = "roles"; value = "writer"; role = "editor"; }
      ];
    };
  };
}
