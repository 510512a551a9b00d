{
  outputs = { self, nixpkgs, ... }: {
    nixosConfigurations.vault = nixpkgs.lib.nixosSystem {
      modules = [ ./modules/caddy.nix ./modules/apps.nix ./hosts/vault ];
    };
  };
}
