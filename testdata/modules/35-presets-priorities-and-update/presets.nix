{ lib }:
{
  # Preset whose fields are all mkDefault.
  soft = {
    enable = lib.mkDefault true;
    policy = lib.mkDefault "admins";
    bypassPaths = lib.mkDefault [ "/api" ];
  };
  # A whole-block mkDefault preset.
  softBlock = lib.mkDefault { enable = true; policy = "admins"; };
}
