# mapAttrs does not call f until a value is needed
[ (builtins.attrNames (builtins.mapAttrs (n: v: throw "no") { a = 1; b = 2; })) (builtins.mapAttrs (n: throw "f") { }) ]
