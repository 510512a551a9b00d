# Declares the few real NixOS options the test repositories rely on (a tiny
# stand-in for nixpkgs' own modules), plus the Caddyfile NixOS would write.
{ config, lib, ... }:
let
  inherit (lib) mkOption types;
  cfg = config.services.caddy;
  vhostType = types.submodule ({ name, config, ... }: {
    options = {
      hostName = mkOption { type = types.str; default = name; };
      serverAliases = mkOption { type = types.listOf types.str; default = [ ]; };
      listenAddresses = mkOption { type = types.listOf types.str; default = [ ]; };
      useACMEHost = mkOption { type = types.nullOr types.str; default = null; };
      logFormat = mkOption { type = types.lines; default = "output file /var/log/caddy/access-${config.hostName}.log"; };
      extraConfig = mkOption { type = types.lines; default = ""; };
    };
  });
  mkVHostConf = h: ''
    ${h.hostName} ${lib.concatStringsSep " " h.serverAliases} {
      ${lib.optionalString (h.listenAddresses != [ ]) "bind ${lib.concatStringsSep " " h.listenAddresses}"}
      ${lib.optionalString (h.useACMEHost != null) "tls /var/lib/acme/${h.useACMEHost}/cert.pem /var/lib/acme/${h.useACMEHost}/key.pem"}
      log {
        ${h.logFormat}
      }

      ${h.extraConfig}
    }
  '';
in
{
  options = {
    networking.hostName = mkOption { type = types.str; default = "nixos"; };
    networking.domain = mkOption { type = types.nullOr types.str; default = null; };
    assertions = mkOption { type = types.listOf types.unspecified; default = [ ]; };
    warnings = mkOption { type = types.listOf types.str; default = [ ]; };
    services.caddy = {
      enable = mkOption { type = types.bool; default = false; };
      email = mkOption { type = types.nullOr types.str; default = null; };
      environmentFile = mkOption { type = types.nullOr types.path; default = null; };
      globalConfig = mkOption { type = types.lines; default = ""; };
      extraConfig = mkOption { type = types.lines; default = ""; };
      virtualHosts = mkOption { type = types.attrsOf vhostType; default = { }; };
    };
    harness.caddyfile = mkOption { type = types.str; };
  };
  config = {
    services.caddy.globalConfig = lib.mkBefore ''
      ${lib.optionalString (cfg.email != null) "email ${cfg.email}"}
    '';
    harness.caddyfile = ''
      {
        ${cfg.globalConfig}
      }
      ${cfg.extraConfig}
      ${lib.concatMapStringsSep "\n" mkVHostConf (lib.attrValues cfg.virtualHosts)}
    '';
  };
}
