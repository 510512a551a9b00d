# Factory: `import ./mk-service.nix { name = ...; port = ...; }` returns a
# module function.
{ name, port, protect ? false }:
{ config, lib, ... }:
let t = import ./types.nix { inherit lib; }; in
{
  options.modules.services.${name}.reverseProxy = lib.mkOption { type = t.reverseProxy; default = { }; };
  config.modules.services.${name}.reverseProxy = {
    enable = lib.mkDefault true;
    hostName = lib.mkDefault "${name}.${config.networking.domain}";
    backend.port = port;
    caddySecurity.enable = protect;
  };
}
