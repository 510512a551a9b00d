# The repository's own helpers (not nixpkgs' lib).
{ lib }:
{
  mkService = import ./mk-service.nix;
  proxy = import ./proxy.nix { inherit lib; };
}
