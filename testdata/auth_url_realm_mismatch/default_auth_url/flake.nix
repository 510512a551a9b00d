{
  outputs = { self, nixpkgs, ... }: {
    nixosConfigurations.kestrel = nixpkgs.lib.nixosSystem {
      modules = [ ./modules/caddy.nix ./modules/media.nix ./hosts/kestrel ];
    };
  };
}
