let j = "{\"b\":[1,{\"c\":null}],\"a\":\"x\"}"; in builtins.toJSON (builtins.fromJSON j)
