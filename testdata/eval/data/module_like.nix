# helper: a NixOS-module-shaped function
{ config ? { }, lib ? null, ... }@args:
{
  options = { };
  config.names = builtins.attrNames args;
}
