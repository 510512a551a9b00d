# Site defaults shared by all machines.
{ lib, ... }:
{
  networking.domain = lib.mkDefault "default.example";
}
