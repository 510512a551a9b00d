# A tiny generator: bypass regexes pasted into a CEL expression.
{ config, lib, ... }:
let
  regexes = [ "^/feed/calendar\\.ics$" ];
#             ^^^^^^^^^^^^^^^^^^^^^^^^ caddy_rejects_config: Caddy refuses the generated Caddyfile: compiling CEL program: ERROR: <input>:1:14: Syntax error: token recognition error at: '"^/feed/calendar\.' (line 13: `expression {regexp(path, "^/feed/calendar\.ics$")}`)
  matcher = lib.concatMapStrings (r: "  expression {regexp(path, \"${r}\")}\n") regexes;
in
{
  services.caddy = {
    enable = true;
    virtualHosts."media.example.com".extraConfig = ''
      @bypass {
      ${matcher}}
      route @bypass {
        reverse_proxy 127.0.0.1:8989
      }
    '';
    virtualHosts."ok.example.com".extraConfig = ''
      reverse_proxy 127.0.0.1:3000
    '';
  };
}
