{ pkgs, ... }:
{
  services.caddy = {
    enable = true;
    # Not fully known: silent.
    virtualHosts."b.example.com".extraConfig = ''
      route /* {
        reverse_proxy ${pkgs.hello}
      }
      respond "never"
    '';
  };
}
