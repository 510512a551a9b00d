# 1/2 without spaces is a relative path, not a division
[ (builtins.typeOf (1 / 2)) (builtins.typeOf (a/b)) ]
