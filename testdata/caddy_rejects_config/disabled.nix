{ ... }:
{
  services.caddy = {
    enable = false;
    extraConfig = "a.example.com {";
  };
}
