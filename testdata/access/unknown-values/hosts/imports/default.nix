# Every value evaluates, but a hand-written site imports a file pocketlint
# does not read: the Caddyfile's routes are not fully known.
{ ... }:
{
  imports = [ ../../modules/caddy ../../modules/apps.nix ];

  networking.domain = "imports.test";

  modules.services.caddy.enable = true;

  modules.services.public.reverseProxy = {
    enable = true;
    hostName = "public.imports.test";
  };

  services.caddy.virtualHosts."legacy.imports.test".extraConfig = ''
    import /etc/caddy/snippets/*.caddy
    reverse_proxy 127.0.0.1:8000
  '';
}
