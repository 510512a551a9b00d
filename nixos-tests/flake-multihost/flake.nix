{
  description = "fernwood: three NixOS machines sharing one module tree";

  inputs = {
    nixpkgs.url = "github:NixOS/nixpkgs/nixos-24.11";

    sops-nix = {
      url = "github:Mic92/sops-nix";
      inputs.nixpkgs.follows = "nixpkgs";
    };
  };

  outputs = { self, nixpkgs, ... }@inputs:
    let
      mkHost = host: nixpkgs.lib.nixosSystem {
        system = "x86_64-linux";
        specialArgs = { inherit inputs; };
        modules = [
          ./hosts/${host}
          inputs.sops-nix.nixosModules.sops
          ./modules/nixos
        ];
      };
    in
    {
      nixosConfigurations = {
        atlas = mkHost "atlas"; # Pocket ID, monitoring, documents
        harbor = mkHost "harbor"; # media
        relay = mkHost "relay"; # VPS: notifications and uptime checks
      };
    };
}
