# the source of inherit (e) is only evaluated when an inherited attribute is forced
[ ({ inherit (throw "x") a; b = 1; }.b) ((let s = throw "no"; in { inherit (s) a; }) ? a) (builtins.attrNames { inherit (throw "x") a b; }) ]
