let
  recursiveUpdate = a: b: a // builtins.mapAttrs (n: v: if builtins.isAttrs v && builtins.isAttrs (a.${n} or null) then recursiveUpdate a.${n} v else v) b;
in recursiveUpdate { a = { x = 1; y = { z = 1; }; }; b = 1; } { a = { y = { w = 2; }; }; c = 3; }
