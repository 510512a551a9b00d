# Scenario 66: curried helper functions (lib/proxy.nix), partially applied
# and mapped over tables:
#   mkAdmin  = mkProtected "admins"      (one of three arguments given)
#   mkMedia  = mkProtected "media"
#   onNas    = onBackend "10.0.0.7"
#   lib.mapAttrs mkMedia media           (name and port from the table)
#   onPort   = lib.flip mkHost           (arguments swapped, then imap0'd)
#   hardened = host: lib.pipe host [ (withBypass [ ... ]) onNas ]
#   (mkHost "id" 1411).hostName          (a helper result selected)
# Every reverseProxy and virtual host is built by these helpers, and the
# helpers read the final networking.domain through their `domain` argument.
{ config, lib, ... }:
let
  t = import ./types.nix { inherit lib; };
  p = import ./lib/proxy.nix { inherit lib; domain = config.networking.domain; };
  mkAdmin = p.mkProtected "admins";
  mkMedia = p.mkProtected "media";
  onNas = p.onBackend "10.0.0.7";
  onPort = lib.flip p.mkHost;          # onPort 9000 "portainer"
  media = { jellyfin = 8096; navidrome = 4533; audiobookshelf = 13378; };
  admin = { grafana = 3000; prometheus = 9090; };
  public = [ "homepage" "uptime" ];
  hardened = host: lib.pipe host [ (p.withBypass [ "/health" ]) onNas ];
in
{
  imports = [ ./options.nix ./caddy.nix ];

  options.modules.services = lib.genAttrs
    (lib.attrNames media ++ lib.attrNames admin ++ public)
    (_: { reverseProxy = lib.mkOption { type = t.reverseProxy; default = { }; }; });

  config = {
    networking.domain = "curry.example";
    modules.services =
      lib.mapAttrs (_: rp: { reverseProxy = onNas rp; }) (lib.mapAttrs mkMedia media)
      // lib.mapAttrs (name: port: { reverseProxy = hardened (mkAdmin name port); }) admin
      // lib.listToAttrs (lib.imap0
        (i: name: lib.nameValuePair name { reverseProxy = onPort (8080 + i) name; })
        public)
      // {
        caddy.security = {
          enable = true;
          portalHost = (p.mkHost "id" 1411).hostName;
          policies = lib.genAttrs [ "admins" "media" ] (g: { allowedGroups = [ "pocket-${g}" ]; });
        };
      };
  };
}
