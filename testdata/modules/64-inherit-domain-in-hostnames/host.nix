# Scenario 64: `inherit (config.networking) domain;` in let-bindings and
# attribute sets, used to build host names. The domain has a mkDefault in
# site.nix and the host's plain value wins, so every host name must use the
# *final* domain ("tail.example"), never the default ("default.example").
# Also `inherit (config.networking) domain;` inside a function body
# (services/arr.nix), into an attribute set (services/pocket-id.nix), and
# together with a second inherited option (networking.hostName, in
# services/jellyfin.nix) for a per-machine name.
{ config, lib, ... }:
let
  inherit (config.networking) domain;
in
{
  imports = [ ./options.nix ./caddy.nix ./site.nix ./services/jellyfin.nix ./services/arr.nix ./services/pocket-id.nix ];

  networking.domain = "tail.example";
  networking.hostName = "nas";

  modules.services.caddy.security = {
    enable = true;
    portalHost = "id.${domain}";
    policies.admins.allowedGroups = [ "admins@${domain}" ];
  };
}
