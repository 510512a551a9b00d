{
  outputs = { self, nixpkgs, ... }: {
    nixosConfigurations.gateway = nixpkgs.lib.nixosSystem {
      modules = [ ./modules/caddy.nix ./hosts/gateway ];
    };
  };
}
