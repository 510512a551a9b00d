# Shared Caddy reverse proxy with Pocket ID single sign-on (caddy-security).
#
# Services publish themselves through `modules.services.<svc>.reverseProxy`
# (see lib/reverse-proxy.nix). This module collects every enabled one,
# renders its site block into `services.caddy.virtualHosts`, and renders the
# portal, the identity provider, the claim -> role transforms and the
# authorization policies into `services.caddy.globalConfig`.
{ config, lib, pkgs, ... }:
let
  cfg = config.modules.services.caddy;
  sec = cfg.security;
  render = import ./caddyfile.nix { inherit lib; };

  # Every service module that declares a reverseProxy and enabled it.
  proxied = lib.filterAttrs
    (name: svc: name != "caddy" && svc ? reverseProxy && svc.reverseProxy.enable)
    config.modules.services;

  isProtected = proxy: sec.enable && proxy.caddySecurity.enable;
  protectedSites = lib.filterAttrs (_: svc: isProtected svc.reverseProxy) proxied;

  # Bypass routes are always limited to some networks: the service's own
  # allowedNetworks, or else those of the global `bypass` policy.
  fallbackNetworks = (sec.policies.bypass or { allowedNetworks = [ ]; }).allowedNetworks;
  networksFor = proxy:
    if proxy.caddySecurity.allowedNetworks != [ ]
    then proxy.caddySecurity.allowedNetworks
    else fallbackNetworks;

  # claimRoles are portal-wide: collect them from every protected site.
  allClaimRoles = lib.concatMap (svc: svc.reverseProxy.caddySecurity.claimRoles)
    (lib.attrValues protectedSites);

  portalHostServed = lib.any (svc: svc.reverseProxy.hostName == sec.portalHost)
    (lib.attrValues proxied);

  policyType = lib.types.submodule {
    options = {
      allowedGroups = lib.mkOption {
        type = lib.types.listOf lib.types.str;
        default = [ ];
        description = "Pocket ID groups (roles) allowed through this policy.";
      };
      allowedNetworks = lib.mkOption {
        type = lib.types.listOf lib.types.str;
        default = [ ];
        description = "Networks; the `bypass` policy's list is the default for bypass routes.";
      };
    };
  };
in
{
  options.modules.services.caddy = {
    enable = lib.mkEnableOption "the shared Caddy reverse proxy";

    email = lib.mkOption {
      type = lib.types.nullOr lib.types.str;
      default = null;
      description = "ACME account e-mail.";
    };

    security = {
      enable = lib.mkEnableOption "the caddy-security portal backed by Pocket ID";

      portalHost = lib.mkOption {
        type = lib.types.nullOr lib.types.str;
        default = null;
        example = "id.example.com";
        description = "Host that serves the portal (normally Pocket ID's own host).";
      };

      portalName = lib.mkOption {
        type = lib.types.str;
        default = "pocketid";
      };

      realm = lib.mkOption {
        type = lib.types.str;
        default = "pocketid";
        description = "OAuth realm of the Pocket ID identity provider.";
      };

      cookieDomain = lib.mkOption {
        type = lib.types.str;
        # Defaults to networking.domain.
        default = config.networking.domain;
        description = "Domain the session cookie is issued for; every protected site must be inside it.";
      };

      tokenLifetime = lib.mkOption {
        type = lib.types.int;
        default = 86400;
      };

      environmentFile = lib.mkOption {
        type = lib.types.nullOr lib.types.str;
        default = null;
        description = "File with POCKET_ID_CLIENT_ID and POCKET_ID_CLIENT_SECRET.";
      };

      policies = lib.mkOption {
        type = lib.types.attrsOf policyType;
        default = { };
      };
    };
  };

  config = lib.mkIf cfg.enable {
    services.caddy = {
      enable = true;
      inherit (cfg) email;
      # Stock caddy plus the caddy-security plugin.
      package = pkgs.caddy.withPlugins {
        plugins = [ "github.com/greenpau/caddy-security@v1.1.31" ];
        hash = "sha256-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";
      };
      environmentFile = lib.mkIf (sec.environmentFile != null) sec.environmentFile;

      globalConfig = lib.mkIf sec.enable (render.securityBlock {
        portal = sec.portalName;
        inherit (sec) realm portalHost cookieDomain tokenLifetime policies;
        claimRoles = allClaimRoles;
      });

      virtualHosts = lib.mapAttrs'
        (name: svc: lib.nameValuePair svc.reverseProxy.hostName {
          extraConfig = render.siteBody {
            inherit name;
            proxy = svc.reverseProxy;
            protect = isProtected svc.reverseProxy;
            networks = networksFor svc.reverseProxy;
            isPortalHost = sec.enable && svc.reverseProxy.hostName == sec.portalHost;
            portal = sec.portalName;
          };
        })
        proxied
      # No service owns the portal host: serve the portal on its own site.
      // lib.optionalAttrs (sec.enable && sec.portalHost != null && !portalHostServed) {
        ${sec.portalHost}.extraConfig = ''
          route {
            authenticate with ${sec.portalName}
          }
        '';
      };
    };

    networking.firewall.allowedTCPPorts = [ 80 443 ];

    assertions = [
      {
        assertion = !sec.enable || sec.portalHost != null;
        message = "modules.services.caddy.security.portalHost must be set when the portal is enabled.";
      }
    ] ++ lib.mapAttrsToList
      (name: svc: {
        assertion = !(lib.elem "/" svc.reverseProxy.caddySecurity.bypassPaths);
        message = "modules.services.${name}: bypassPaths = [ \"/\" ] would disable authentication for the whole site.";
      })
      protectedSites;

    warnings = lib.optional (protectedSites != { } && fallbackNetworks == [ ])
      "modules.services.caddy: no `bypass` policy networks; bypass routes without allowedNetworks are open to every client.";
  };
}
