let s = "€uro"; in [ (builtins.stringLength s) (builtins.substring 0 3 s) (builtins.substring 3 3 s) (builtins.replaceStrings [ "€" ] [ "E" ] s) ]
