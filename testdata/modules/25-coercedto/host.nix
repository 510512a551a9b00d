# Scenario 25: coercedTo converts definitions of the coerced type before
# merging with the final type: a string becomes a one-element list and is
# concatenated with a list definition, an int becomes a string, a list of
# upstream addresses becomes an attrsOf submodule merged with an attrset.
{ ... }:
{
  imports = [ ./options.nix ./caddy.nix ./services.nix ./extra.nix ./more.nix ];

  networking.domain = "coerce.example";
  modules.services.grafana.reverseProxy = {
    enable = true;
    hostName = "grafana.coerce.example";
    backend.port = 3000;
    aliases = [ "grafana.coerce.example" "metrics.coerce.example" ];
    timeout = 90;
    upstreams = [ "10.0.0.1:3000" "10.0.0.2:3000" ];
  };
}
