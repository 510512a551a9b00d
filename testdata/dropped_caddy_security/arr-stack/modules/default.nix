{
  imports = [
    ./caddy.nix
    ./services/grafana.nix
    ./services/sonarr.nix
    ./services/prowlarr.nix
    ./services/bazarr.nix
    ./services/jellyfin.nix
    ./services/kavita.nix
    ./services/navidrome.nix
  ];
}
