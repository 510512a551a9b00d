{
  imports = [
    ./caddy
    ./pocketid
    ./arr
    ./immich
    ./jellyfin
    ./jellyseerr
    ./kavita
    ./monitoring
    ./paperless
  ];
}
