# Option types shared by every service that sits behind the Caddy reverse
# proxy. Service modules call:
#
#   proxy = import ../../../../lib/reverse-proxy.nix { inherit lib; };
#   options.modules.services.<svc>.reverseProxy = proxy.mkReverseProxyOption { name = "<svc>"; port = 1234; };
#
# The shared Caddy module (modules/nixos/services/caddy) reads these options
# from every service and renders the site blocks.
{ lib }:
let
  inherit (lib) mkOption mkEnableOption types;
in
rec {
  claimRoleType = types.submodule {
    options = {
      claim = mkOption {
        type = types.str;
        default = "groups";
        description = "OIDC claim to match (Pocket ID puts group names in `groups`).";
      };
      value = mkOption {
        type = types.str;
        description = "Claim value that grants the role.";
      };
      role = mkOption {
        type = types.str;
        description = "caddy-security role added to the user when the claim matches.";
      };
    };
  };

  caddySecurityType = types.submodule {
    options = {
      enable = mkEnableOption "Pocket ID single sign-on (caddy-security) for this site";

      policy = mkOption {
        type = types.str;
        default = "users";
        description = "Name of an entry in `modules.services.caddy.security.policies`.";
      };

      claimRoles = mkOption {
        type = types.listOf claimRoleType;
        default = [ ];
        description = "Claim to role mappings. They are merged into the portal, so they apply to every site.";
      };

      bypassPaths = mkOption {
        type = types.listOf types.str;
        default = [ ];
        example = [ "/api" "/feed" ];
        description = "Path prefixes served without authentication (from `allowedNetworks` only).";
      };

      bypassResources = mkOption {
        type = types.listOf types.str;
        default = [ ];
        example = [ "^/api/system/status$" ];
        description = "Regular expressions (RE2) on the request path that skip authentication.";
      };

      allowedNetworks = mkOption {
        type = types.listOf types.str;
        default = [ ];
        description = ''
          Client networks (CIDR) allowed to use the bypasses. When empty, the
          networks of the global `bypass` policy are used.
        '';
      };
    };
  };

  backendType = port: types.submodule {
    options = {
      host = mkOption { type = types.str; default = "127.0.0.1"; };
      port = mkOption { type = types.port; default = port; };
      scheme = mkOption { type = types.enum [ "http" "https" ]; default = "http"; };
    };
  };

  mkReverseProxyOption = { name, port }: mkOption {
    default = { };
    description = "How ${name} is published through Caddy.";
    type = types.submodule {
      options = {
        enable = mkEnableOption "the Caddy virtual host for ${name}";

        hostName = mkOption {
          type = types.str;
          description = "Public host name of the site.";
        };

        backend = mkOption {
          type = backendType port;
          default = { };
        };

        extraConfig = mkOption {
          type = types.lines;
          default = "";
          description = "Extra Caddyfile directives appended to the site block.";
        };

        caddySecurity = mkOption {
          type = caddySecurityType;
          default = { };
        };
      };
    };
  };
}
