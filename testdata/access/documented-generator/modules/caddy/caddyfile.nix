# Pure Caddyfile rendering for modules/nixos/services/caddy. Kept apart from
# the module so it can be read (and tested) without the module system.
#
#   render = import ./caddyfile.nix { inherit lib; };
#
# Differences from the upstream example we started from:
#   * a bypass path "/api" becomes `path /api /api/*` (whole segment), not
#     the raw prefix `/api*`, so "/apifoo" is not opened by accident;
#   * every bypass regex gets its own named matcher with `path_regexp`, so
#     paths and regexes are alternatives (OR), not one ANDed matcher;
#   * the portal lives only on `portalHost`; other sites redirect there and
#     rely on the cookie being set for the whole domain.
{ lib }:
let
  inherit (lib) concatStringsSep concatMapStringsSep optionalString unique;

  indent = prefix: text:
    concatMapStringsSep "\n" (line: if line == "" then "" else prefix + line)
      (lib.splitString "\n" text);

  # Caddy names cannot contain dots or dashes in a readable way; keep them
  # stable and unique per service.
  matcherName = name: lib.replaceStrings [ "-" "." ] [ "_" "_" ] name;
in
rec {
  upstream = backend:
    if backend.scheme == "https"
    then "https://${backend.host}:${toString backend.port}"
    else "${backend.host}:${toString backend.port}";

  reverseProxy = backend: ''
    reverse_proxy ${upstream backend} {
      header_up X-Real-IP {remote_host}
    }'';

  # "/api" -> "/api /api/*"; "/" would open the whole site, which the
  # assertions in default.nix refuse.
  pathPatterns = p:
    let trimmed = lib.removeSuffix "/" p;
    in "${trimmed} ${trimmed}/*";

  # One named matcher + route per bypass. `networks` is never empty here:
  # the module falls back to the global `bypass` policy.
  bypassRoutes = { name, backend, sec, networks }:
    let
      m = matcherName name;
      remoteIp = optionalString (networks != [ ]) "\n  remote_ip ${concatStringsSep " " networks}";
      pathRoute = optionalString (sec.bypassPaths != [ ]) ''
        @${m}_bypass_paths {
          path ${concatMapStringsSep " " pathPatterns sec.bypassPaths}${remoteIp}
        }
        route @${m}_bypass_paths {
        ${indent "  " (reverseProxy backend)}
        }
      '';
      regexRoute = i: re: ''
        @${m}_bypass_re${toString i} {
          path_regexp ${re}${remoteIp}
        }
        route @${m}_bypass_re${toString i} {
        ${indent "  " (reverseProxy backend)}
        }
      '';
      regexRoutes = concatStringsSep "" (builtins.genList
        (i: regexRoute i (builtins.elemAt sec.bypassResources i))
        (builtins.length sec.bypassResources));
    in
    pathRoute + regexRoutes;

  # Body of one site block (goes into services.caddy.virtualHosts.<h>.extraConfig).
  siteBody = { name, proxy, protect, networks, isPortalHost, portal }:
    let
      sec = proxy.caddySecurity;
    in
    ''
      encode zstd gzip
      header {
        Strict-Transport-Security "max-age=31536000; includeSubDomains"
        -Server
      }
    ''
    + optionalString isPortalHost ''

      # caddy-security portal (login, callback, logout)
      route /caddy-security/* {
        authenticate with ${portal}
      }
    ''
    + (if protect then ''

      ${bypassRoutes { inherit name networks sec; inherit (proxy) backend; }}
      route /* {
        authorize with ${sec.policy}
      ${indent "  " (reverseProxy proxy.backend)}
      }
    '' else ''

      ${reverseProxy proxy.backend}
    '')
    + optionalString (proxy.extraConfig != "") ''

      ${proxy.extraConfig}
    '';

  transform = realm: r: ''
    transform user {
      match realm ${realm}
      match ${r.claim} ${r.value}
      action add role ${r.role}
    }'';

  # The global `security { ... }` app.
  securityBlock = { portal, realm, portalHost, cookieDomain, tokenLifetime, claimRoles, policies }:
    let
      authUrl = "https://${portalHost}/caddy-security/oauth2/${realm}";
      groupPolicies = lib.filterAttrs (_: p: p.allowedGroups != [ ]) policies;
      policyBlock = name: p: ''
        authorization policy ${name} {
          set auth url ${authUrl}
          allow roles ${concatStringsSep " " p.allowedGroups}
          inject headers with claims
        }'';
    in
    ''
      security {
        oauth identity provider ${realm} {
          realm ${realm}
          driver generic
          client_id {env.POCKET_ID_CLIENT_ID}
          client_secret {env.POCKET_ID_CLIENT_SECRET}
          scopes openid email profile groups
          base_auth_url https://${portalHost}
          metadata_url https://${portalHost}/.well-known/openid-configuration
          delay_start 3
        }

        authentication portal ${portal} {
          crypto default token lifetime ${toString tokenLifetime}
          cookie domain ${cookieDomain}
          enable identity provider ${realm}
          trust login redirect uri domain suffix .${cookieDomain} path prefix /
      ${indent "    " (concatMapStringsSep "\n" (transform realm) (unique claimRoles))}
        }

      ${indent "  " (concatStringsSep "\n\n" (lib.mapAttrsToList policyBlock groupPolicies))}
      }
    '';
}
