# Provides module arguments to every module of the evaluation.
{ lib, ... }:
{
  _module.args.site = {
    domain = "args.example";
    lan = [ "192.168.1.0/24" ];
  };
  _module.args.mkHost = name: "${name}.args.example";
}
