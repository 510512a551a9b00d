{ lib, ... }:
{
  # Declares the same option again with another enum: the two enum types
  # merge into one accepting all values.
  options.modules.services.grafana.reverseProxy = lib.mkOption {
    type = lib.types.submodule {
      options.tier = lib.mkOption { type = lib.types.enum [ "gold" ]; };
    };
  };
}
