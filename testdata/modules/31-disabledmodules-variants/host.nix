# Scenario 31: disabledModules in its forms. A path literal, an absolute
# path string and an attrset with the module's `key` disable their
# modules; a *relative* string is resolved against specialArgs.modulesPath
# (empty here, so it names "/relative.nix") and disables nothing.
{ lib, ... }:
{
  imports = [
    ./options.nix
    ./caddy.nix
    ./services.nix
    ./legacy.nix
    ./old.nix
    ./relative.nix
    {
      key = "keyed-module";
      modules.services.keyed.reverseProxy = { enable = true; hostName = "keyed.invalid"; backend.port = 3; };
    }
  ];
  disabledModules = [
    ./legacy.nix
    (toString ./old.nix)
    { key = "keyed-module"; }
    "relative.nix"
  ];

  networking.domain = "disabled.example";
  # Ports for the services whose modules are disabled (their own
  # definitions would win over these mkDefaults if they were still there).
  modules.services.legacy.reverseProxy.backend.port = lib.mkDefault 9;
  modules.services.old.reverseProxy.backend.port = lib.mkDefault 9;
  modules.services.keyed.reverseProxy.backend.port = lib.mkDefault 9;
  modules.services.relative.reverseProxy.backend.port = lib.mkDefault 9;
  modules.services.grafana.reverseProxy = {
    enable = true;
    hostName = "grafana.disabled.example";
    backend.port = 3000;
  };
}
