let v = { a = [ 1 2.5 "x" null true { b = [ ]; } ]; "k y" = "q\"\n"; }; in [ (builtins.fromJSON (builtins.toJSON v) == v) (builtins.toJSON (builtins.fromJSON "{\"z\":1,\"a\":[1.5,{}]}")) ]
