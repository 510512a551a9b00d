builtins.head ([ ] ++ [ "first" ] ++ [ (throw "lazy") ])
