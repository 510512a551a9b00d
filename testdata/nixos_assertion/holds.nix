{ config, lib, ... }:
{
  options.modules.services.ntfy.enable = lib.mkEnableOption "ntfy";
  config = {
    assertions = lib.mkIf config.modules.services.ntfy.enable [
      {
        assertion = false;
        message = "the module is disabled, so this assertion is never defined";
      }
    ];
    modules.services.ntfy.enable = false;
  };
}
