{ ... }:
{
  services.caddy = {
    enable = true;
    virtualHosts."a.example.com".extraConfig = ''
      route /api/* {
        reverse_proxy 127.0.0.1:1
      }
      route /* {
        reverse_proxy 127.0.0.1:2
      }
    '';
  };
}
