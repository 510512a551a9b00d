builtins.sort builtins.lessThan [ "b" 1 ]
