{ config, lib, ... }:
let
  inherit (config.networking) domain;
  protect = policy: { enable = true; inherit policy; };
  backend = "127.0.0.1";
in
{
  networking.domain = "ravenhill.example";

  modules.services.caddy.security.policies = {
    admins.allowedGroups = [ "admins" ];
    users.allowedGroups = [ "admins" "users" ];
  };

  modules.services = {
    # The public status page, proxied before `authorize` runs.
    uptime-kuma.reverseProxy = {
      enable = true;
      hostName = "status.${domain}";
      caddySecurity = protect "admins";
      extraConfig = ''
        handle /status/* {
#       ^^^^^^^^^^^^^^^^ auth_skipped_by_extra_config: `handle /status/*` in the extraConfig of protected site `status.ravenhill.example` runs before the generated `authorize` route (Caddy sorts `handle` before `route`): the requests it matches are served without authentication
          reverse_proxy ${backend}:3001
        }
        handle_path /assets/* {
#       ^^^^^^^^^^^^^^^^^^^^^ auth_skipped_by_extra_config: `handle_path /assets/*` in the extraConfig of protected site `status.ravenhill.example` runs before the generated `authorize` route (Caddy sorts `handle_path` before `route`): the requests it matches are served without authentication
          root * /var/lib/uptime-kuma/public
          file_server
        }
      '';
    };

    # A catch-all handle serves the whole site without login.
    homepage.reverseProxy = lib.mkIf true {
      enable = true;
      hostName = "home.${domain}";
      caddySecurity = protect "users";
      extraConfig = ''
        handle {
#       ^^^^^^ auth_skipped_by_extra_config: `handle` in the extraConfig of protected site `home.ravenhill.example` runs before the generated `authorize` route (Caddy sorts `handle` before `route`): every request is served without authentication
          reverse_proxy ${backend}:8082
        }
      '';
    };
  };
}
