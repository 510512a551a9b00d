{
  imports = [
    ./caddy
    ./pocketid
    ./grafana
    ./uptime-kuma
    ./sonarr
    ./radarr
    ./prowlarr
    ./bazarr
    ./jellyfin
  ];
}
