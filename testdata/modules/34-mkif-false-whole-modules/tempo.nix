# Explicit `config = mkIf false` next to `options`: the option still
# exists with its default, only the definitions vanish.
{ lib, ... }:
{
  options.modules.services.tempo.enable = lib.mkEnableOption "tempo";
  config = lib.mkIf false {
    modules.services.tempo.reverseProxy = { enable = true; hostName = "tempo.never.example"; };
    modules.services.tempo.enable = true;
  };
}
