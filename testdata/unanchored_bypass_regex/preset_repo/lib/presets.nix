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
    bypassResources = [ "/api/v3/system/status" ];
#                        ^^^^^^^^^^^^^^^^^^^^^ unanchored_bypass_regex: the bypass regex `/api/v3/system/status` is not anchored at either end (`^…$`): Go regexes match anywhere in the path, so it bypasses authentication for `/x/api/v3/system/status/y` too
    allowedNetworks = lan ++ vpn;
  };
}
