let callPackage = f: args: f (builtins.intersectAttrs (builtins.functionArgs f) args); pkg = { a, b ? 2 }: a + b; in [ (callPackage pkg { a = 1; c = 9; }) (callPackage pkg { a = 1; b = 5; }) ]
