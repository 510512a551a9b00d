let d = toString ./.; in [ (builtins.typeOf (dirOf ./.)) (builtins.replaceStrings [ (dirOf d) ] [ "<parent>" ] (toString (dirOf ./.))) ]
