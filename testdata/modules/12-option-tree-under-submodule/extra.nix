# Declares plain nested options *below* an option whose type is a
# submodule. The module system turns them into an extra submodule module.
{ lib, ... }:
{
  options.modules.services.grafana.reverseProxy.compress = lib.mkOption {
    type = lib.types.bool;
    default = true;
  };
  options.modules.services.grafana.reverseProxy.headers.frameOptions = lib.mkOption {
    type = lib.types.str;
    default = "DENY";
  };
}
