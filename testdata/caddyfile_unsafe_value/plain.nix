# Values Caddy reads back unchanged, and values it never sees.
{ pkgs, ... }:
{
  modules.services.caddy.security = {
    enable = true;
    portalHost = "id.example.com";
    policies = {
      admins.allowedGroups = [ "admins" ];
      devs.allowedGroups = [ "c#-devs" "dev_team" pkgs.extraGroup ];
    };
  };

  modules.services.forgejo.reverseProxy = {
    enable = true;
    # Surrounding spaces are dropped by the lexer.
    hostName = " git.example.com";
    caddySecurity = {
      enable = true;
      policy = "devs";
      claimRoles = [
        { claim = "groups"; value = "c#-devs"; role = "devs"; realm = ""; }
        { claim = "email"; value = "ops+alerts@example.com"; role = pkgs.opsRole; }
      ];
      bypassPaths = [ "/api/v1/repos" "/user/login?redirect_to=" ];
    };
  };

  # Disabled: its values are never rendered.
  modules.services.gitea = {
    enable = false;
    reverseProxy = {
      enable = true;
      hostName = "old git.example.com";
      caddySecurity = { enable = true; policy = "dev team"; };
    };
  };
}
