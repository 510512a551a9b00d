# Caddy + caddy-security. Renders every enabled `reverseProxy` of
# `modules.services.*` into a site block:
#
#   bypass paths   -> @<svc>_bypass    { path /p /p/*  remote_ip ... }
#   bypass regexes -> @<svc>_bypass_N  { path_regexp ^...$  remote_ip ... }
#   everything else -> route /* { authorize with <policy> }
#
# The portal itself is served on `portalHost` (Pocket ID's host).
{ config, lib, pkgs, ... }:
let
  cfg = config.modules.services.caddy;
  sec = cfg.security;
  inherit (config.networking) domain;

  sites = lib.filterAttrs
    (name: svc: name != "caddy" && svc ? reverseProxy && svc.reverseProxy.enable)
    config.modules.services;

  upstream = rp: "127.0.0.1:${toString rp.backend.port}";

  bypassRoutes = name: rp:
    let
      s = rp.caddySecurity;
      nets = "remote_ip ${lib.concatStringsSep " " s.allowedNetworks}";
      paths = lib.concatMapStringsSep " " (p: "${p} ${p}/*") s.bypassPaths;
      regexRoute = i: ''
        @${name}_bypass_${toString i} {
          path_regexp ${builtins.elemAt s.bypassResources i}
          ${nets}
        }
        route @${name}_bypass_${toString i} {
          reverse_proxy ${upstream rp}
        }
      '';
    in
    lib.optionalString (s.bypassPaths != [ ]) ''
      @${name}_bypass {
        path ${paths}
        ${nets}
      }
      route @${name}_bypass {
        reverse_proxy ${upstream rp}
      }
    ''
    + lib.concatMapStrings regexRoute (builtins.genList (i: i) (builtins.length s.bypassResources));

  siteConfig = name: rp:
    lib.optionalString (rp.hostName == sec.portalHost) ''
      route /caddy-security/* {
        authenticate with pocketid
      }
    ''
    + (if rp.caddySecurity.enable then ''
      ${bypassRoutes name rp}
      route /* {
        authorize with ${rp.caddySecurity.policy}
        reverse_proxy ${upstream rp}
      }
    '' else ''
      reverse_proxy ${upstream rp}
    '');

  transforms = lib.unique (lib.concatMap (svc: svc.reverseProxy.caddySecurity.claimRoles)
    (lib.attrValues (lib.filterAttrs (_: svc: svc.reverseProxy.caddySecurity.enable) sites)));

  policyType = lib.types.submodule {
    options.allowedGroups = lib.mkOption {
      type = lib.types.listOf lib.types.str;
      default = [ ];
    };
  };
in
{
  options.modules.services.caddy = {
    enable = lib.mkEnableOption "Caddy";
    security = {
      enable = lib.mkEnableOption "the Pocket ID portal";
      portalHost = lib.mkOption { type = lib.types.str; };
      environmentFile = lib.mkOption { type = lib.types.str; };
      policies = lib.mkOption {
        type = lib.types.attrsOf policyType;
        default = { };
      };
    };
  };

  config = lib.mkIf cfg.enable {
    services.caddy = {
      enable = true;
      package = pkgs.caddy.withPlugins {
        plugins = [ "github.com/greenpau/caddy-security@v1.1.31" ];
        hash = "sha256-DDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDD=";
      };
      environmentFile = sec.environmentFile;

      globalConfig = lib.mkIf sec.enable ''
        security {
          oauth identity provider pocketid {
            realm pocketid
            driver generic
            client_id {env.POCKET_ID_CLIENT_ID}
            client_secret {env.POCKET_ID_CLIENT_SECRET}
            scopes openid email profile groups
            base_auth_url https://${sec.portalHost}
            metadata_url https://${sec.portalHost}/.well-known/openid-configuration
            delay_start 3
          }

          authentication portal pocketid {
            crypto default token lifetime 86400
            cookie domain ${domain}
            enable identity provider pocketid
            trust login redirect uri domain suffix .${domain} path prefix /
        ${lib.concatMapStrings (t: ''
            transform user {
              match realm pocketid
              match ${t.claim} ${t.value}
              action add role ${t.role}
            }
        '') transforms}  }

        ${lib.concatStrings (lib.mapAttrsToList (name: p: ''
          authorization policy ${name} {
            set auth url https://${sec.portalHost}/caddy-security/oauth2/pocketid
            allow roles ${lib.concatStringsSep " " p.allowedGroups}
          }
        '') sec.policies)}}
      '';

      virtualHosts = lib.mapAttrs'
        (name: svc: lib.nameValuePair svc.reverseProxy.hostName {
          extraConfig = siteConfig name svc.reverseProxy;
        })
        sites;
    };

    networking.firewall.allowedTCPPorts = [ 80 443 ];

    assertions = lib.mapAttrsToList
      (name: svc: {
        assertion = !svc.reverseProxy.caddySecurity.enable || sec.policies ? ${svc.reverseProxy.caddySecurity.policy};
        message = "modules.services.${name}: unknown caddy-security policy `${svc.reverseProxy.caddySecurity.policy}'.";
      })
      sites;
  };
}
