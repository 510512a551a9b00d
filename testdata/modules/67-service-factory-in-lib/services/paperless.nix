# Module function that forwards its arguments to the factory's module.
{ lib, ... }@args:
import ../lib/mk-proxied-service.nix {
  name = "paperless";
  port = 28981;
  subdomain = "docs";
  policy = lib.toLower "Documents";
} args
