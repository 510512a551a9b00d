{
  imports = [
    ./caddy.nix
    ./services/apps.nix
  ];
}
