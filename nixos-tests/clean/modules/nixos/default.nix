{
  imports = [
    ./caddy.nix
    ./pocketid.nix
    ./services/grafana.nix
    ./services/paperless.nix
    ./services/sonarr.nix
  ];
}
