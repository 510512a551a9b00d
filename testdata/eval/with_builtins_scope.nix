# with builtins; gives access to builtins not in global scope
with builtins; [ (length [ 1 2 ]) (head [ 3 ]) (typeOf (attrNames { })) ]
