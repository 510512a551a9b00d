{
  inputs.nixpkgs.url = "github:NixOS/nixpkgs/nixos-24.11";

  outputs = { self, nixpkgs, ... }: {
    nixosConfigurations = {
      kestrel = nixpkgs.lib.nixosSystem {
        system = "x86_64-linux";
        modules = [ ./modules/options.nix ./hosts/kestrel ];
      };
      regex = nixpkgs.lib.nixosSystem {
        system = "x86_64-linux";
        modules = [ ./modules/options.nix ./hosts/regex ];
      };
    };
  };
}
