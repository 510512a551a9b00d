builtins.zipAttrsWith (n: vs: builtins.concatLists vs) [ { a = [ 1 ]; } { a = [ 2 ]; b = [ 3 ]; } ]
