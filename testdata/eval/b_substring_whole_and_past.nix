let s = "abcdef"; in [ (builtins.substring 0 (builtins.stringLength s) s) (builtins.substring 6 1 s) (builtins.substring 5 10 s) ]
