let x = { "" = 1; }; in [ x."" (builtins.attrNames x) (x ? "") ]
