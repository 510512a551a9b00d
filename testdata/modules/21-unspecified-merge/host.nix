# Scenario 21: options without a type (types.unspecified) merge with the
# default merge function: strings are concatenated, lists concatenated,
# attribute sets shallow-merged, booleans or-ed, equal ints accepted.
{ ... }:
{
  imports = [ ./options.nix ./caddy.nix ./services.nix ./extra.nix ./a.nix ./b.nix ];

  networking.domain = "unspec.example";
  modules.services.grafana.reverseProxy = {
    enable = true;
    hostName = "grafana.unspec.example";
    backend.port = 3000;
  };
}
