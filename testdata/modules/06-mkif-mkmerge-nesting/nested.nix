{ lib, ... }:
lib.mkIf true {
  modules.services.tempo.reverseProxy = lib.mkMerge [
    (lib.mkIf false { enable = true; })
    { hostName = "tempo.nest.example"; backend.port = 3200; }
    (lib.mkIf true (lib.mkIf true (lib.mkIf false { hostName = lib.mkForce "no"; })))
  ];
}
