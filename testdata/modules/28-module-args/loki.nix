# `args@` pattern: arguments not named in the header are not passed.
args@{ lib, ... }:
{
  modules.services.loki.reverseProxy = {
    enable = true;
    hostName = "loki.${args.site.domain or "fallback.example"}";
    backend.port = 3100;
  };
}
