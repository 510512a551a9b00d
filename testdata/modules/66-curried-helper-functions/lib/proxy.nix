# Curried reverse-proxy helpers, called as `import ./lib/proxy.nix { inherit lib domain; }`.
{ lib, domain }:
rec {
  # mkHost "jellyfin" 8096
  mkHost = sub: port: {
    enable = true;
    hostName = "${sub}.${domain}";
    backend.port = port;
  };
  # protect "admins" (mkHost "grafana" 3000)
  protect = policy: host: host // { caddySecurity = { enable = true; inherit policy; }; };
  # mkProtected "media" "jellyfin" 8096: three arguments, usually partially applied.
  mkProtected = policy: sub: port: protect policy (mkHost sub port);
  # withBypass [ "/api" ] host: extends the caddySecurity of a host.
  withBypass = paths: host: lib.recursiveUpdate host { caddySecurity.bypassPaths = paths; };
  # onBackend "10.0.0.7" host
  onBackend = address: host: host // { backend = host.backend // { host = address; }; };
}
