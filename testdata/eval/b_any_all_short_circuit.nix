# any/all stop at the first decisive element
[ (builtins.any (x: x) [ true (throw "no") ]) (builtins.all (x: x) [ false (throw "no") ]) ]
