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
    bypassResources = [ "^/api/(v1|v2$" ];
#                        ^^^^^^^^^^^^^ invalid_bypass_regex: the bypass regex `^/api/(v1|v2$` does not compile as a Go regexp, so Caddy rejects the configuration: error parsing regexp: missing closing ): `^/api/(v1|v2$`
    allowedNetworks = lan ++ vpn;
  };
}
