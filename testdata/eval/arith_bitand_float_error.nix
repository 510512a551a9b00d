# bit operations only take integers
builtins.bitAnd 1.0 1
