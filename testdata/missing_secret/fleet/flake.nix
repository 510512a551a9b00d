{
  inputs = {
    nixpkgs.url = "github:NixOS/nixpkgs/nixos-24.11";
    sops-nix.url = "github:Mic92/sops-nix";
  };

  outputs = { self, nixpkgs, sops-nix, ... }:
    let
      mkHost = name: nixpkgs.lib.nixosSystem {
        system = "x86_64-linux";
        modules = [
          ./hosts/${name}
          ./modules
          sops-nix.nixosModules.sops
        ];
      };
    in
    {
      nixosConfigurations = {
        atlas = mkHost "atlas";
        harbor = mkHost "harbor";
      };
    };
}
