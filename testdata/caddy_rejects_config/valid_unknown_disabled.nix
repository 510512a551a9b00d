{ pkgs, lib, ... }:
{
  services.caddy = {
    enable = true;
    virtualHosts."ok.example.com".extraConfig = ''
      @api path_regexp ^/api/v[0-9]+/
      reverse_proxy @api 127.0.0.1:3000
    '';
    # Unknown: the whole file is not fully known, nothing is concluded.
    virtualHosts."files.example.com".extraConfig = ''
      root * ${pkgs.hello}
      expression {regexp(path, "^/x\.y$")}
    '';
  };
}
