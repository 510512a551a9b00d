# Shared Caddy with caddy-security in front of Pocket ID.
#
# Service modules register sites in `modules.services.caddy.virtualHosts`
# (the factory in lib/mk-service.nix forwards `reverseProxy` there); this
# module renders them into NixOS's `services.caddy`.
{ config, lib, pkgs, ... }:
let
  cfg = config.modules.services.caddy;
  sec = cfg.security;
  proxy = import ../../../../lib/proxy.nix { inherit lib; };

  vhostType = lib.types.submodule {
    options = {
      hostName = lib.mkOption { type = lib.types.str; };
      backend = lib.mkOption { type = proxy.backendType; };
      caddySecurity = lib.mkOption {
        type = proxy.caddySecurityType;
        default = { };
      };
      public = lib.mkOption {
        type = lib.types.bool;
        default = false;
        description = "Served without login on purpose (silences the warning).";
      };
      extraConfig = lib.mkOption {
        type = lib.types.lines;
        default = "";
      };
    };
  };

  policyType = lib.types.submodule {
    options.allowedGroups = lib.mkOption {
      type = lib.types.listOf lib.types.str;
      default = [ ];
    };
  };

  protected = lib.filterAttrs (_: v: v.caddySecurity.enable) cfg.virtualHosts;
  authUrl = "https://${sec.portalHost}/caddy-security/oauth2/${sec.realm}";

  upstream = b: "${b.host}:${toString b.port}";

  matcherId = name: lib.replaceStrings [ "-" ] [ "_" ] name;

  bypassBlock = name: v:
    let
      s = v.caddySecurity;
      id = matcherId name;
      remoteIp = lib.optionalString (s.allowedNetworks != [ ])
        "\n  remote_ip ${lib.concatStringsSep " " s.allowedNetworks}";
      # "/api" -> "/api*" (a plain prefix, like upstream)
      paths = lib.optionalString (s.bypassPaths != [ ]) ''
        @bypass_${id} {
          path ${lib.concatMapStringsSep " " (p: "${p}*") s.bypassPaths}${remoteIp}
        }
        route @bypass_${id} {
          reverse_proxy ${upstream v.backend}
        }
      '';
      regex = i: re: ''
        @bypass_${id}_${toString i} {
          path_regexp ${re}${remoteIp}
        }
        route @bypass_${id}_${toString i} {
          reverse_proxy ${upstream v.backend}
        }
      '';
    in
    paths + lib.concatStrings (builtins.genList (i: regex i (builtins.elemAt s.bypassResources i))
      (builtins.length s.bypassResources));

  siteConfig = name: v:
    if v.caddySecurity.enable then ''
      ${bypassBlock name v}
      route /* {
        authorize with ${v.caddySecurity.policy}
        reverse_proxy ${upstream v.backend}
      }
      ${v.extraConfig}
    '' else ''
      reverse_proxy ${upstream v.backend}
      ${v.extraConfig}
    '';

  transforms = lib.unique (lib.concatMap (v: v.caddySecurity.claimRoles) (lib.attrValues protected));

  portalBlock = ''
    oauth identity provider ${sec.realm} {
      realm ${sec.realm}
      driver generic
      client_id {env.POCKET_ID_CLIENT_ID}
      client_secret {env.POCKET_ID_CLIENT_SECRET}
      scopes openid email profile groups
      base_auth_url https://${sec.pocketIdHost}
      metadata_url https://${sec.pocketIdHost}/.well-known/openid-configuration
    }

    authentication portal ${sec.portalName} {
      crypto default token lifetime 43200
      cookie domain ${sec.cookieDomain}
      enable identity provider ${sec.realm}
      trust login redirect uri domain suffix .${sec.cookieDomain} path prefix /
    ${lib.concatMapStrings (t: ''
      transform user {
        match realm ${sec.realm}
        match ${t.claim} ${t.value}
        action add role ${t.role}
      }
    '') transforms}}
  '';

  policyBlocks = lib.concatStrings (lib.mapAttrsToList
    (name: p: ''
      authorization policy ${name} {
        set auth url ${authUrl}
        allow roles ${lib.concatStringsSep " " p.allowedGroups}
      }
    '')
    sec.policies);
in
{
  options.modules.services.caddy = {
    enable = lib.mkEnableOption "the shared Caddy reverse proxy";

    security = {
      enable = lib.mkEnableOption "the caddy-security login portal";

      portalName = lib.mkOption { type = lib.types.str; default = "fernwood"; };
      realm = lib.mkOption { type = lib.types.str; default = "pocketid"; };

      portalHost = lib.mkOption {
        type = lib.types.str;
        default = "auth.${config.networking.domain}";
      };

      pocketIdHost = lib.mkOption {
        type = lib.types.str;
        description = "Host of the Pocket ID instance (issuer).";
      };

      cookieDomain = lib.mkOption {
        type = lib.types.str;
        default = config.networking.domain;
      };

      environmentFile = lib.mkOption {
        type = lib.types.nullOr lib.types.str;
        default = null;
      };

      policies = lib.mkOption {
        type = lib.types.attrsOf policyType;
        default = { };
      };
    };

    virtualHosts = lib.mkOption {
      type = lib.types.attrsOf vhostType;
      default = { };
    };
  };

  config = lib.mkIf cfg.enable {
    services.caddy = {
      enable = true;
      package = pkgs.caddy.withPlugins {
        plugins = [ "github.com/greenpau/caddy-security@v1.1.31" ];
        hash = "sha256-BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB=";
      };
      environmentFile = lib.mkIf (sec.environmentFile != null) sec.environmentFile;

      # Policies are rendered whenever a site needs one; the portal and the
      # identity provider only when the portal is enabled on this machine.
      globalConfig = lib.mkIf (protected != { }) ''
        security {
        ${lib.optionalString sec.enable portalBlock}
        ${policyBlocks}
        }
      '';

      virtualHosts = lib.mkMerge [
        (lib.mapAttrs' (name: v: lib.nameValuePair v.hostName { extraConfig = siteConfig name v; })
          cfg.virtualHosts)

        (lib.mkIf sec.enable {
          ${sec.portalHost}.extraConfig = ''
            route {
              authenticate with ${sec.portalName}
            }
          '';
        })
      ];
    };

    networking.firewall.allowedTCPPorts = [ 80 443 ];

    warnings = lib.mapAttrsToList
      (name: v: "modules.services.caddy: ${v.hostName} (${name}) is served without Pocket ID login.")
      (lib.filterAttrs (_: v: !v.caddySecurity.enable && !v.public) cfg.virtualHosts);
  };
}
