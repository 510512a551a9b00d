# Scenario 37: modules discovered with builtins.readDir. The discovered
# modules each add a group to the same policy list, which shows the order
# in which they were collected (readDir names are sorted).
{ ... }:
{
  imports = [ ./options.nix ./caddy.nix ./services ];

  networking.domain = "dir.example";
  modules.services.caddy.security.policies.users.allowedGroups = [ "host" ];
}
