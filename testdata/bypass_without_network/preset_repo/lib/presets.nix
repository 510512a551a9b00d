# Presets shared by the *arr sites.
{ domain }:
rec {
  lan = [ "192.168.1.0/24" ];
  vpn = [ "10.8.0.0/24" ];

  admin = {
    enable = true;
    policy = "admins";
  };

  arr = admin // {
    bypassPaths = [ "/api" "/feed" ];
    allowedNetworks = lan ++ vpn;
  };
}
