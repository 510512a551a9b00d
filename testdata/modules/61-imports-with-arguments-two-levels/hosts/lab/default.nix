# The lab host: its services and the Pocket ID portal.
{ ... }:
{
  imports = [ ./portal.nix ./services/media.nix ./services/monitoring.nix ];
  networking.domain = "lab.example";
}
