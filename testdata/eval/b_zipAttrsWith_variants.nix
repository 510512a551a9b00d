[ (builtins.zipAttrsWith (n: v: n) [ { a = 1; } { b = 2; } ]) (builtins.zipAttrsWith (n: v: v) [ ]) (builtins.zipAttrsWith (n: v: builtins.length v) [ { a = throw "x"; } { a = throw "y"; } ]) ]
