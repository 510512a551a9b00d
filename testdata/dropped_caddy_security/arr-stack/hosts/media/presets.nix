# Protection presets shared by the media services.
{ domain }:
rec {
  protect = {
    enable = true;
    policy = "admins";
  };

  arr = protect // {
    bypassPaths = [ "/api" ];
    allowedNetworks = [ "192.168.10.0/24" ];
  };

  site = name: "${name}.${domain}";
}
