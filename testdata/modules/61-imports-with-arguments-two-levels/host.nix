# Scenario 61: imports with arguments, two levels deep. The service modules
# of hosts/lab/ call `import ../lib/defaults.nix { inherit config lib; }`;
# that per-host file itself returns
# `import ../../../lib/host-defaults.nix { inherit config lib; hostConfig = { ... }; }`
# (the repository-wide defaults, parameterised by host). Every compared
# root is built from the result: host names are a function of the
# *final* networking.domain (the `config` passed down two levels is the
# module system's fixpoint, here overridden by mkForce in this file), the
# backend address, portal host, admin group and LAN networks come from
# hostConfig, and `hostConfig.portalSub or "id"` / `extraMediaGroups or []`
# take the value given by the host rather than the fallback.
{ lib, ... }:
{
  imports = [ ./options.nix ./caddy.nix ./hosts/lab ];

  networking.domain = lib.mkForce "home.arpa";
}
