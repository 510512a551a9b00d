# The whole module is an mkIf (returned by the module function).
{ lib, ... }:
lib.mkIf false {
  modules.services.loki.reverseProxy = { enable = true; hostName = "loki.never.example"; backend.port = 1; };
}
