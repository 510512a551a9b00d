# attributes made by listToAttrs get the position of the name/value set's "value" attribute
let s = builtins.listToAttrs [ { name = "x"; value = 1; } ]; p = builtins.unsafeGetAttrPos "x" s; in [ p.line p.column (baseNameOf p.file) (builtins.unsafeGetAttrPos "y" { y = 1; }).line ]
