# Evaluated inside a submoduleWith that passes specialArgs; `siteName` is
# usable in `imports` (module arguments from _module.args are not).
{ siteName, lib, ... }:
{
  imports = lib.optional (siteName == "wiki") ./wiki-extras.nix;
  options.hostName = lib.mkOption { type = lib.types.str; default = "${siteName}.special.example"; };
  options.port = lib.mkOption { type = lib.types.port; default = 8080; };
  options.paths = lib.mkOption { type = lib.types.listOf lib.types.str; default = [ ]; };
}
