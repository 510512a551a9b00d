# unused throws in attrs, lists, args, let, // and if branches are never forced
let
  unused = throw "let";
  f = x: y: y;
  s = { bad = throw "attr"; good = 1; } // { alsoBad = throw "upd"; };
in [ (f (throw "arg") 1) s.good (builtins.length [ (throw "elem") ]) (if true then 2 else throw "else") (builtins.attrNames s) ]
