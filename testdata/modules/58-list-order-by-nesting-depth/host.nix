# Scenario 58: the same three modules (host, a.nix, b.nix) define one
# element each of four list options at different submodule depths:
#   trustedProxies (depth 0), policies.users.allowedGroups (depth 1, an
#   attrsOf submodule), reverseProxy.aliases (depth 1),
#   reverseProxy.caddySecurity.bypassPaths (depth 2).
# Every submodule evaluation collects and reverses its definitions again,
# so the resulting order alternates with the depth.
{ ... }:
{
  imports = [ ./options.nix ./caddy.nix ./services.nix ./extra.nix ./a.nix ./b.nix ];

  networking.domain = "depth.example";
  modules.services.caddy.security.trustedProxies = [ "host" ];
  modules.services.caddy.security.policies.users.allowedGroups = [ "host" ];
  modules.services.grafana.reverseProxy = {
    enable = true;
    hostName = "grafana.depth.example";
    backend.port = 3000;
    aliases = [ "host" ];
    caddySecurity.bypassPaths = [ "host" ];
  };
}
