# Validated as Go's RE2 (what Caddy compiles), not as Rust's regex crate.
{
  modules.services.caddy.security = {
    enable = true;
    portalHost = "id.example.com";
    policies.users.allowedGroups = [ "users" ];
  };
  modules.services.radarr.reverseProxy = {
    enable = true;
    hostName = "radarr.example.com";
    caddySecurity = {
      enable = true;
      policy = "users";
      allowedNetworks = [ "192.168.1.0/24" ];
      # Rejected by Go (several of them accepted by Rust).
      bypassResources = [
        "(?x)^/api/ status$"
#        ^^^^^^^^^^^^^^^^^^ invalid_bypass_regex: the bypass regex `(?x)^/api/ status$` does not compile as a Go regexp, so Caddy rejects the configuration: error parsing regexp: invalid or unsupported Perl syntax: `(?x`
        "^/api/\\u0041$"
#        ^^^^^^^^^^^^^^ invalid_bypass_regex: the bypass regex `^/api/\u0041$` does not compile as a Go regexp, so Caddy rejects the configuration: error parsing regexp: invalid escape sequence: `\u`
        "^/a**$"
#        ^^^^^^ invalid_bypass_regex: the bypass regex `^/a**$` does not compile as a Go regexp, so Caddy rejects the configuration: error parsing regexp: invalid nested repetition operator: `**`
        "^/x{1001}$"
#        ^^^^^^^^^^ invalid_bypass_regex: the bypass regex `^/x{1001}$` does not compile as a Go regexp, so Caddy rejects the configuration: error parsing regexp: invalid repeat count: `{1001}`
        "^/api/(?=v1)"
#        ^^^^^^^^^^^^ invalid_bypass_regex: the bypass regex `^/api/(?=v1)` does not compile as a Go regexp, so Caddy rejects the configuration: error parsing regexp: invalid or unsupported Perl syntax: `(?=`
        "^/(a)\\1$"
#        ^^^^^^^^^ invalid_bypass_regex: the bypass regex `^/(a)\1$` does not compile as a Go regexp, so Caddy rejects the configuration: error parsing regexp: invalid escape sequence: `\1`
        "^/[z-a]$"
#        ^^^^^^^^ invalid_bypass_regex: the bypass regex `^/[z-a]$` does not compile as a Go regexp, so Caddy rejects the configuration: error parsing regexp: invalid character class range: `z-a`
        "^/api/(v1|v2$"
#        ^^^^^^^^^^^^^ invalid_bypass_regex: the bypass regex `^/api/(v1|v2$` does not compile as a Go regexp, so Caddy rejects the configuration: error parsing regexp: missing closing ): `^/api/(v1|v2$`
        "^/api/v1)$"
#        ^^^^^^^^^^ invalid_bypass_regex: the bypass regex `^/api/v1)$` does not compile as a Go regexp, so Caddy rejects the configuration: error parsing regexp: unexpected ): `^/api/v1)$`
        "^/api\\"
#        ^^^^^^^ invalid_bypass_regex: the bypass regex `^/api\` does not compile as a Go regexp, so Caddy rejects the configuration: error parsing regexp: trailing backslash at end of expression: ``
      ];
    };
  };
  modules.services.sonarr.reverseProxy = {
    enable = true;
    hostName = "sonarr.example.com";
    caddySecurity = {
      enable = true;
      policy = "users";
      allowedNetworks = [ "192.168.1.0/24" ];
      # Valid in Go though Rust's regex crate rejects them (SEMANTICS §2.3).
      bypassResources = [
        "^\\Q/api.v1\\E$"
        "^/api/{id}$"
        "^/a{,3}$"
        "^/\\012$"
        "^/[\\d-z]$"
        "^/(?P<v>v[0-9])/status$"
        "^/(?<v>v[0-9])/status$"
        "^/api/system/status$"
      ];
    };
  };
}
