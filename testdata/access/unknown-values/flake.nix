{
  inputs.nixpkgs.url = "github:NixOS/nixpkgs/nixos-24.11";

  outputs = { self, nixpkgs, ... }: {
    nixosConfigurations = {
      box = nixpkgs.lib.nixosSystem {
        system = "x86_64-linux";
        modules = [ ./hosts/box ];
      };
      # A hand-written site imports a file outside the repository.
      imports = nixpkgs.lib.nixosSystem {
        system = "x86_64-linux";
        modules = [ ./hosts/imports ];
      };
    };
  };
}
