{ site, ... }:
{
  # A second module adds one more argument that depends on another one.
  _module.args.adminNets = site.lan ++ [ "10.0.0.0/8" ];
}
