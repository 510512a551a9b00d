let l = [ "a" "b" "a" "c" "a" ]; in builtins.mapAttrs (n: v: builtins.length v) (builtins.groupBy (x: x) l)
