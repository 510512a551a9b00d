# self references that terminate
let
  s = rec { a = b; b = 1; };
  f = { a ? b, b ? a }: a;
  x = { a = 1; } // { b = x.a; };
  t = builtins.listToAttrs [ { name = "a"; value = t.b; } { name = "b"; value = 1; } ];
  n = builtins.length [ n ];
in [ s.a (f { b = 2; }) x.b t.a n ]
