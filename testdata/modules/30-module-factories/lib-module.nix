# A path module whose value is a function taking the module arguments and
# returning *another* list of modules in `imports`.
{ lib, ... }:
{
  imports = map (n: import ./mk-service.nix { name = n; port = 9000 + lib.stringLength n; }) [ "ntfy" "kuma" ];
}
