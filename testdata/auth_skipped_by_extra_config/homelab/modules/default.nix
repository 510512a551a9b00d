# Services, and the shared Caddy module that renders every published
# service into services.caddy.virtualHosts."<hostName>".extraConfig.
{ config, lib, ... }:
let
  rp = import ../lib/reverse-proxy.nix { inherit lib; };
  apps = {
    uptime-kuma = 3001;
    grafana = 3000;
    homepage = 8082;
    jellyfin = 8096;
    filebrowser = 8085;
    navidrome = 4533;
    syncthing = 8384;
    wiki = 3080;
  };
  proxied = lib.filterAttrs
    (name: _: config.modules.services.${name}.reverseProxy.enable)
    apps;
  body = name: port:
    let
      p = config.modules.services.${name}.reverseProxy;
      upstream = "reverse_proxy 127.0.0.1:${toString port}";
    in
    if p.caddySecurity.enable then ''
      encode zstd gzip

      route /* {
        authorize with ${p.caddySecurity.policy}
        ${upstream}
      }

      ${p.extraConfig}
    '' else ''
      ${upstream}
      ${p.extraConfig}
    '';
in
{
  options.networking.domain = lib.mkOption { type = lib.types.str; };
  options.services.caddy.virtualHosts = lib.mkOption {
    type = lib.types.attrsOf (lib.types.submodule ({ name, ... }: {
      options = {
        hostName = lib.mkOption { type = lib.types.str; default = name; };
        extraConfig = lib.mkOption { type = lib.types.lines; default = ""; };
      };
    }));
    default = { };
  };
  options.modules.services = lib.mapAttrs (_: port: { reverseProxy = rp.mkReverseProxyOption port; }) apps // {
    caddy.security.policies = lib.mkOption { type = lib.types.attrsOf lib.types.attrs; default = { }; };
  };

  config.services.caddy.virtualHosts = lib.mapAttrs'
    (name: port: lib.nameValuePair config.modules.services.${name}.reverseProxy.hostName {
      extraConfig = body name port;
    })
    proxied;
}
