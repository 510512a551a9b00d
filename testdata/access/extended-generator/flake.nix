{
  inputs.nixpkgs.url = "github:NixOS/nixpkgs/nixos-24.11";

  outputs = { self, nixpkgs, ... }: {
    nixosConfigurations = {
      kestrel = nixpkgs.lib.nixosSystem {
        system = "x86_64-linux";
        modules = [ ./modules/caddy ./hosts/kestrel ];
      };
      # A second machine whose Caddyfile Caddy refuses to load.
      broken = nixpkgs.lib.nixosSystem {
        system = "x86_64-linux";
        modules = [ ./modules/caddy ./hosts/broken ];
      };
    };
  };
}
