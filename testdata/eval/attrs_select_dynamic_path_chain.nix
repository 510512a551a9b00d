let s = { a = { b = { c = "deep"; }; }; }; p = [ "a" "b" "c" ]; in builtins.foldl' (acc: k: acc.${k}) s p
