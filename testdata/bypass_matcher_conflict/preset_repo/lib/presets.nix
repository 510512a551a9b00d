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

  # The calendar feeds, for phones on the LAN.
  calendar = admin // {
    bypassResources = [ "^/feed/calendar/[a-z]+\\.ics$" "^/feed/v3/calendar/[a-z]+\\.ics$" ];
#                     ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ bypass_matcher_conflict: 2 `bypassResources` regexes go into one Caddy matcher, where only one `expression` line survives (the first on Caddy 2.11, the last on 2.6): the others never bypass anything
    allowedNetworks = lan;
  };
}
