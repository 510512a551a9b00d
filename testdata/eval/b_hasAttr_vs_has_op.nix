[ (builtins.hasAttr "a" { a = null; }) ({ a = null; } ? a) (builtins.hasAttr "" { "" = 1; }) ]
