# The module hands Caddy its own file: its text is known.
{ pkgs, ... }:
{
  services.caddy = {
    enable = true;
    configFile = pkgs.writeText "Caddyfile" ''
      a.example.com {
        reverse_proxy 127.0.0.1:1
      }
      a.example.com {
#     ^^^^^^^^^^^^^^^ caddy_rejects_config: Caddy refuses the generated Caddyfile: ambiguous site definition: a.example.com (line 4: `a.example.com {`)
        respond "twice"
      }
    '';
  };
}
