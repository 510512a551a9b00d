{ lib, ... }:
{
  caddySecurity.bypassPaths = [ "/from-imported-submodule-module" ];
  backend.host = lib.mkDefault "10.0.0.2";
}
