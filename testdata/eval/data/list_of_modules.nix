# helper: a list of module-like sets and functions
[ { a = 1; } ({ x ? 0 }: { b = x; }) ./subdir/other.nix ]
