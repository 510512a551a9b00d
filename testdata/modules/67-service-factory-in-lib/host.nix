# Scenario 67: a service factory in the repository's own lib/
# (lib/mk-proxied-service.nix) builds a whole module - options under
# `modules.services.<name>` and a `config = mkMerge [ ... mkIf cfg.enable ... ]`
# - from a few arguments, and several service files use it:
#   services/jellyfin.nix        the file *is* the factory call
#   services/audiobookshelf.nix  idem, with a subdomain; left disabled, so
#                                only its backend port is set and it adds
#                                no policy group
#   services/uptime-kuma.nix     factory call inside `imports`, plus a
#                                bypassPaths definition of its own (lists
#                                concatenate; no policy: unprotected)
#   services/paperless.nix       `{ lib, ... }@args: factory { ... } args`
# The host enables three of them and overrides a port and a subdomain
# through the generated options; the factory's config reads them back.
{ ... }:
{
  imports = [ ./options.nix ./caddy.nix ./services ];

  networking.domain = "factory.example";

  modules.services.jellyfin.enable = true;
  modules.services.uptime-kuma.enable = true;
  modules.services.paperless = { enable = true; port = 8000; subdomain = "paperless"; };

  modules.services.caddy.security = {
    enable = true;
    portalHost = "id.factory.example";
  };
}
