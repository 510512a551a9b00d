# Scenario 32: modules are de-duplicated by key. common.nix is imported
# three times (path literal, a path via ../ from a subdirectory, and an
# absolute path string) but its definition counts once. Two inline modules
# with the same explicit `key` also count once (the first one collected
# wins).
{ ... }:
{
  imports = [
    ./options.nix
    ./caddy.nix
    ./services.nix
    ./common.nix
    ./sub/nested.nix
    "${toString ./.}/common.nix"
    { key = "roles"; modules.services.wiki.reverseProxy.caddySecurity.claimRoles = [ { value = "first"; role = "users"; } ]; }
    { key = "roles"; modules.services.wiki.reverseProxy.caddySecurity.claimRoles = [ { value = "second"; role = "users"; } ]; }
  ];

  networking.domain = "dedup.example";
  modules.services.wiki.reverseProxy = {
    enable = true;
    hostName = "wiki.dedup.example";
    backend.port = 3000;
  };
}
