# Scenario 19: string types that merge by concatenation. lines joins
# definitions with newlines, commas with ",", envVar with ":". The order is
# the definition order (module collection order, mkBefore/mkAfter first),
# and a definition replaces the option default instead of joining it.
{ ... }:
{
  imports = [ ./options.nix ./caddy.nix ./services.nix ./extra.nix ./a.nix ./b.nix ];

  networking.domain = "lines.example";
  modules.services.caddy.security.globalConfig = "# host";

  modules.services.grafana.reverseProxy = {
    enable = true;
    hostName = "grafana.lines.example";
    backend.port = 3000;
    extraConfig = ''
      header X-Host yes
    '';
    headers = "X-Host";
    searchPath = "/host";
  };
}
