# Shared Caddy reverse proxy with caddy-security (Pocket ID).
#
# Services register sites in `modules.services.caddy.virtualHosts.<name>`
# and forward their `caddySecurity` settings; the global side
# (identity providers, portals, policies) lives in
# `modules.services.caddy.security`. Everything is rendered into NixOS's
# `services.caddy.virtualHosts.<name>.extraConfig` and
# `services.caddy.globalConfig`.
{ config, lib, pkgs, ... }:
let
  cfg = config.modules.services.caddy;
  sec = cfg.security;
  cs = import ../../lib/caddy-security.nix { inherit lib; };

  inherit (lib)
    mkOption mkEnableOption types
    concatStringsSep concatMapStringsSep optionalString
    filterAttrs mapAttrsToList attrValues unique;

  enabledHosts = filterAttrs (_: v: v.enable) cfg.virtualHosts;
  protectedHosts = filterAttrs (_: v: v.caddySecurity.enable) enabledHosts;

  # ---------------------------------------------------------------------
  # Global side
  # ---------------------------------------------------------------------

  # Realm used by claimRoles that do not name one: the realm of the
  # portal's first identity provider, or else the portal name.
  defaultRealm = portalName:
    let
      portal = sec.authenticationPortals.${portalName} or null;
      idps = if portal == null then [ ] else portal.identityProviders;
    in
    if idps != [ ] && sec.identityProviders ? ${lib.head idps}
    then sec.identityProviders.${lib.head idps}.realm
    else portalName;

  hostsUsingPortal = portalName:
    attrValues (filterAttrs (_: v: v.caddySecurity.portal == portalName) protectedHosts);

  # claimRoles are portal-wide: collected from every site on the portal.
  portalTransforms = portalName:
    unique (lib.concatMap
      (v: map
        (r: {
          realm = if r.realm != null then r.realm else defaultRealm portalName;
          inherit (r) claim value role;
        })
        v.caddySecurity.claimRoles)
      (hostsUsingPortal portalName));

  renderTransform = t: ''
    transform user {
      match realm ${t.realm}
      match ${t.claim} ${t.value}
      action add role ${t.role}
    }
  '';

  renderPortal = name: p: ''
    authentication portal ${name} {
      crypto default token lifetime ${toString p.tokenLifetime}
    ${concatMapStrings' (idp: "  enable identity provider ${idp}\n") p.identityProviders}${optionalString (p.cookie.domain != null) "  cookie domain ${p.cookie.domain}\n"}${concatMapStrings' (v: "  trust login redirect uri domain exact ${v.hostName} path prefix /\n") (hostsUsingPortal name)}${concatMapStrings' (t: indent (renderTransform t)) (portalTransforms name)}${indent p.extraConfig}}
  '';

  renderPolicy = name: p: ''
    authorization policy ${name} {
      set auth url ${p.authUrl}
      allow roles ${concatStringsSep " " p.allowRoles}
    ${optionalString p.injectHeaders "  inject headers with claims\n"}${optionalString p.apiKeyAuth.enable "  with api key auth portal ${p.apiKeyAuth.portal} realm ${p.apiKeyAuth.realm}\n"}${indent p.extraConfig}}
  '';

  renderIdp = name: i: ''
    oauth identity provider ${name} {
      realm ${i.realm}
      driver ${i.driver}
      client_id ${i.clientId}
      client_secret {env.${i.clientSecretEnv}}
      scopes ${concatStringsSep " " i.scopes}
      base_auth_url ${i.baseAuthUrl}
      metadata_url ${i.metadataUrl}
    ${optionalString (i.delayStart > 0) "  delay_start ${toString i.delayStart}\n"}${indent i.extraConfig}}
  '';

  concatMapStrings' = f: l: lib.concatMapStrings f l;
  indent = text: concatMapStrings' (line: if line == "" then "" else "  ${line}\n")
    (lib.splitString "\n" text);

  globalSecurityConfig = ''
    ${optionalString (sec.trustedProxies != [ ]) ''
      servers {
        trusted_proxies static ${concatStringsSep " " sec.trustedProxies}
      }
    ''}
    security {
    ${indent (concatStringsSep "\n" (mapAttrsToList renderPortal sec.authenticationPortals))}
    ${indent (concatStringsSep "\n" (mapAttrsToList renderPolicy sec.authorizationPolicies))}
    ${indent (concatStringsSep "\n" (mapAttrsToList renderIdp sec.identityProviders))}}
  '';

  # ---------------------------------------------------------------------
  # Per-site
  # ---------------------------------------------------------------------

  upstream = v: "${v.backend.scheme}://${v.backend.host}:${toString v.backend.port}";

  reverseProxyBlock = v: extra: ''
    reverse_proxy ${upstream v} {
      header_up X-Real-IP {remote_host}
    ${extra}}
  '';

  # Only `"` needs escaping inside the CEL string.
  escapeForExpression = lib.replaceStrings [ "\"" ] [ "\\\"" ];

  hasCaddySecurityBypass = s: s.bypassPaths != [ ] || s.bypassResources != [ ];

  caddySecurityBypassConfig = name: v:
    let s = v.caddySecurity; in
    optionalString (s.enable && hasCaddySecurityBypass s) ''
      @caddy_security_bypass_${name} {
      ${optionalString (s.bypassPaths != [ ]) "  path ${concatMapStringsSep " " (p: "${p}*") s.bypassPaths}\n"}${concatMapStrings' (r: "  expression {regexp(path, \"${escapeForExpression r}\")}\n") s.bypassResources}${optionalString (s.allowedNetworks != [ ]) "  remote_ip ${concatStringsSep " " s.allowedNetworks}\n"}}
      route @caddy_security_bypass_${name} {
      ${indent (reverseProxyBlock v "")}}
    '';

  staticApiKeyConfig = name: v:
    concatMapStrings'
      (k: ''
        @static_api_key_${k.name}_${name} {
          header ${k.headerName} {${"$" + k.envVar}}
        ${optionalString (k.paths != [ ]) "  path ${concatMapStringsSep " " (p: "${p}*") k.paths}\n"}${optionalString (k.allowedNetworks != [ ]) "  remote_ip ${concatStringsSep " " k.allowedNetworks}\n"}}
        route @static_api_key_${k.name}_${name} {
        ${indent (reverseProxyBlock v "    header_up X-Auth-Source \"static-api-key:${k.name}\"\n")}}
      '')
      (if v.caddySecurity.enable then v.caddySecurity.staticApiKeys else [ ]);

  reverseProxyDirective = name: v:
    let s = v.caddySecurity; in
    if s.enable then ''
      @caddy_security_${name} {
        path /caddy-security/* /oauth2/*
      }
      route @caddy_security_${name} {
        authenticate with ${s.portal}${optionalString s.requireCredentials " {\n    credentials\n  }"}
      }
      route /* {
        authorize with ${s.policy}
      ${indent (reverseProxyBlock v "")}}
    '' else reverseProxyBlock v "";

  tlsBlock = optionalString (cfg.acme.dnsProvider != null) ''
    tls {
      dns ${cfg.acme.dnsProvider} {env.${cfg.acme.credentialsEnv}}
      resolvers 1.1.1.1
    }
  '';

  headerBlock = ''
    header {
      Strict-Transport-Security "max-age=31536000; includeSubDomains"
      X-Content-Type-Options nosniff
      Referrer-Policy strict-origin-when-cross-origin
      -Server
    }
  '';

  basicAuthBlock = v: optionalString (v.basicAuth != { }) ''
    basic_auth {
    ${concatStringsSep "" (mapAttrsToList (user: hash: "  ${user} ${hash}\n") v.basicAuth)}}
  '';

  siteConfig = name: v: ''
    ${tlsBlock}${headerBlock}${basicAuthBlock v}${caddySecurityBypassConfig name v}${staticApiKeyConfig name v}${reverseProxyDirective name v}${v.extraConfig}
  '';

  # ---------------------------------------------------------------------
  # Option types
  # ---------------------------------------------------------------------

  virtualHostType = types.submodule ({ name, ... }: {
    options = {
      enable = mkEnableOption "this virtual host";
      hostName = mkOption { type = types.str; };
      backend = {
        scheme = mkOption { type = types.enum [ "http" "https" ]; default = "http"; };
        host = mkOption { type = types.str; default = "127.0.0.1"; };
        port = mkOption { type = types.port; };
      };
      basicAuth = mkOption {
        type = types.attrsOf types.str;
        default = { };
        description = "User name to bcrypt hash.";
      };
      caddySecurity = mkOption { type = cs.caddySecurityType; default = { }; };
      extraConfig = mkOption { type = types.lines; default = ""; };
    };
  });

  identityProviderType = types.submodule ({ name, ... }: {
    options = {
      driver = mkOption { type = types.str; default = "generic"; };
      realm = mkOption { type = types.str; default = "default"; };
      clientId = mkOption { type = types.str; };
      clientSecretEnv = mkOption {
        type = types.str;
        default = "CADDY_SECURITY_CLIENT_SECRET";
      };
      baseAuthUrl = mkOption { type = types.str; };
      metadataUrl = mkOption { type = types.str; };
      scopes = mkOption {
        type = types.listOf types.str;
        default = [ "openid" "email" "profile" ];
      };
      delayStart = mkOption {
        type = types.int;
        default = 0;
        description = "Seconds to wait before fetching metadataUrl (set when the IdP is behind this Caddy).";
      };
      extraConfig = mkOption { type = types.lines; default = ""; };
    };
  });

  portalType = types.submodule {
    options = {
      identityProviders = mkOption { type = types.listOf types.str; default = [ ]; };
      tokenLifetime = mkOption { type = types.int; default = 86400; };
      cookie.domain = mkOption { type = types.nullOr types.str; default = null; };
      extraConfig = mkOption { type = types.lines; default = ""; };
    };
  };

  policyType = types.submodule {
    options = {
      authUrl = mkOption {
        type = types.str;
        default = "/caddy-security/oauth2/generic";
      };
      allowRoles = mkOption { type = types.listOf types.str; default = [ "authp/user" ]; };
      injectHeaders = mkOption { type = types.bool; default = true; };
      apiKeyAuth = {
        enable = mkEnableOption "API key authentication";
        portal = mkOption { type = types.str; default = "pocketid"; };
        realm = mkOption { type = types.str; default = "local"; };
      };
      extraConfig = mkOption { type = types.lines; default = ""; };
    };
  };
in
{
  options.modules.services.caddy = {
    enable = mkEnableOption "the shared Caddy reverse proxy";

    acme = {
      dnsProvider = mkOption {
        type = types.nullOr types.str;
        default = null;
        example = "cloudflare";
      };
      credentialsEnv = mkOption { type = types.str; default = "CLOUDFLARE_API_TOKEN"; };
    };

    environmentFile = mkOption {
      type = types.nullOr types.str;
      default = null;
      description = "Environment for Caddy: client secrets, static API keys, DNS token.";
    };

    security = {
      enable = mkEnableOption "caddy-security";
      trustedProxies = mkOption { type = types.listOf types.str; default = [ ]; };
      identityProviders = mkOption { type = types.attrsOf identityProviderType; default = { }; };
      authenticationPortals = mkOption { type = types.attrsOf portalType; default = { }; };
      authorizationPolicies = mkOption { type = types.attrsOf policyType; default = { }; };
    };

    virtualHosts = mkOption {
      type = types.attrsOf virtualHostType;
      default = { };
    };
  };

  config = lib.mkIf cfg.enable {
    services.caddy = {
      enable = true;
      package = pkgs.caddy.withPlugins {
        plugins = [
          "github.com/greenpau/caddy-security@v1.1.64"
          "github.com/caddy-dns/cloudflare@v0.2.1"
        ];
        hash = "sha256-CCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCC=";
      };
      environmentFile = lib.mkIf (cfg.environmentFile != null) cfg.environmentFile;

      globalConfig = lib.mkIf sec.enable globalSecurityConfig;

      virtualHosts = lib.mapAttrs
        (name: v: {
          inherit (v) hostName;
          extraConfig = siteConfig name v;
        })
        enabledHosts;
    };

    networking.firewall.allowedTCPPorts = [ 80 443 ];

    assertions = [
      {
        assertion = protectedHosts == { } || sec.enable;
        message = "modules.services.caddy: sites use caddySecurity but modules.services.caddy.security.enable is false.";
      }
    ];
  };
}
