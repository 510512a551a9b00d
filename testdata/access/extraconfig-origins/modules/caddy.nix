# A generator that writes routes and transforms of its own next to what the
# repository's user writes: plain string literals (values, in the evaluator's
# terms) that are still the generator's text, not a site's `extraConfig`.
{ config, lib, ... }:
let
  inherit (lib) mkOption types;
  cfg = config.modules.services;
  sec = cfg.caddy.security;
  inherit (config.networking) domain;

  reverseProxy = mkOption {
    default = { };
    type = types.submodule {
      options = {
        enable = mkOption { type = types.bool; default = false; };
        hostName = mkOption { type = types.str; };
        backend.port = mkOption { type = types.port; };
        extraConfig = mkOption { type = types.lines; default = ""; };
        caddySecurity.enable = mkOption { type = types.bool; default = false; };
        caddySecurity.policy = mkOption { type = types.str; default = "users"; };
      };
    };
  };

  sites = lib.filterAttrs (name: svc: name != "caddy" && svc.reverseProxy.enable) cfg;

  healthz = "handle /healthz {\n  respond \"ok\" 200\n}\n";
  staffTransform = "transform user {\n  match realm pocketid\n  action add role staff\n}\n";

  siteConfig = rp: ''
    ${healthz}
    route /caddy-security/* {
      authenticate with pocketid
    }
  '' + (if rp.caddySecurity.enable then ''
    route /* {
      authorize with ${rp.caddySecurity.policy}
      reverse_proxy 127.0.0.1:${toString rp.backend.port}
    }
  '' else ''
    reverse_proxy 127.0.0.1:${toString rp.backend.port}
  '') + rp.extraConfig;

  policyType = types.submodule {
    options.allowedGroups = mkOption { type = types.listOf types.str; default = [ ]; };
  };
in
{
  options.modules.services = lib.genAttrs [ "pocketid" "app" "blog" ] (_: { inherit reverseProxy; }) // {
    caddy = {
      enable = mkOption { type = types.bool; default = false; };
      security = {
        enable = mkOption { type = types.bool; default = false; };
        portalHost = mkOption { type = types.str; };
        policies = mkOption { type = types.attrsOf policyType; default = { }; };
        extraConfig = mkOption { type = types.lines; default = ""; };
      };
    };
  };

  config = lib.mkIf cfg.caddy.enable {
    services.caddy = {
      enable = true;
      globalConfig = ''
        security {
          oauth identity provider pocketid {
            realm pocketid
            driver generic
            client_id {env.POCKET_ID_CLIENT_ID}
            client_secret {env.POCKET_ID_CLIENT_SECRET}
            scopes openid email profile groups
            base_auth_url https://${sec.portalHost}
            metadata_url https://${sec.portalHost}/.well-known/openid-configuration
          }
          authentication portal pocketid {
            cookie domain ${domain}
            enable identity provider pocketid
            trust login redirect uri domain suffix .${domain} path prefix /
        ${staffTransform}${sec.extraConfig}
          }
        ${lib.concatStrings (lib.mapAttrsToList (name: p: ''
          authorization policy ${name} {
            set auth url https://${sec.portalHost}/caddy-security/oauth2/pocketid
            allow roles ${lib.concatStringsSep " " p.allowedGroups}
          }
        '') sec.policies)}}
      '';
      virtualHosts = lib.mapAttrs'
        (_: svc: lib.nameValuePair svc.reverseProxy.hostName {
          extraConfig = siteConfig svc.reverseProxy;
        })
        sites;
    };
  };
}
