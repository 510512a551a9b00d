{
  inputs = {
    nixpkgs.url = "github:NixOS/nixpkgs/nixos-24.11";
    sops-nix.url = "github:Mic92/sops-nix";
  };
  outputs = { self, nixpkgs, ... }@inputs:
    let
      mkHost = name: nixpkgs.lib.nixosSystem {
        system = "x86_64-linux";
        modules = [ ./modules ./hosts/${name} inputs.sops-nix.nixosModules.sops ];
      };
    in
    {
      nixosConfigurations = {
        relay = mkHost "relay";
        home = mkHost "home";
      };
    };
}
