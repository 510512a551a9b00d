{
  imports = [
    ./caddy
    ./pocketid
    ./paperless
    ./apps.nix
    ./media.nix
  ];
}
