# Everything under modules/nixos is imported by every host; each module is
# inert until its `modules.*.enable` option is set.
{
  imports = [
    ./services
  ];
}
