{
  imports = [
    ./caddy.nix
    ./services/arr.nix
  ];
}
