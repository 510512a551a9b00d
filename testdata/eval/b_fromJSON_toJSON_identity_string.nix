let s = "{\"a\":[1,2,{\"b\":null}],\"c\":\"d\"}"; in builtins.toJSON (builtins.fromJSON s) == s
