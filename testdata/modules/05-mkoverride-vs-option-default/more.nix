{ lib, ... }:
{
  # Same priority as the option default, from another module.
  modules.services.b.reverseProxy.extraPaths = lib.mkOptionDefault [ "/b-more" ];
  # Loses against `mkOverride 999` on the host.
  modules.services.f.reverseProxy.weight = lib.mkDefault 30;
  # A plain definition of c.weight wins over its option default.
  modules.services.c.reverseProxy.weight = 11;
}
