{ lib, ... }: { modules.services.grafana.reverseProxy.backend.scheme = lib.mkForce "https"; }
