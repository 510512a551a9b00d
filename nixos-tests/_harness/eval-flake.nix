# Evaluates every nixosConfiguration of a repository's flake.nix with fake
# inputs (nixpkgs.lib = the emulated lib, sops-nix = the stub module).
{ repo, what ? "summary" }:
let
  lib = import ./lib.nix;
  flake = import (/. + repo + "/flake.nix");
  nixosSystem = { system ? null, specialArgs ? { }, modules, ... }:
    lib.evalModules { modules = modules ++ [ ./nixos-stub.nix ]; inherit specialArgs; };
  nixpkgs = { lib = lib // { inherit nixosSystem; }; outPath = "/nixpkgs"; };
  sops-nix = { nixosModules.sops = ./sops-stub.nix; nixosModules.default = ./sops-stub.nix; };
  self = { outPath = /. + repo; };
  inputs = { inherit self nixpkgs sops-nix; };
  outputs = flake.outputs inputs;
  summarize = name: sys:
    let c = sys.config; in
    {
      domain = c.networking.domain;
      failedAssertions = map (a: a.message) (builtins.filter (a: !a.assertion) c.assertions);
      warnings = c.warnings;
      caddyfile = c.harness.caddyfile;
      secrets = builtins.attrNames (c.sops.secrets or { });
    };
in
builtins.mapAttrs summarize outputs.nixosConfigurations
