{
  outputs = { self, nixpkgs }: {
    nixosConfigurations.nas = nixpkgs.lib.nixosSystem {
      modules = [ ./modules/caddy.nix ./hosts/nas ];
    };
  };
}
