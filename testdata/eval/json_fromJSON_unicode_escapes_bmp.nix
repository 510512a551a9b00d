builtins.fromJSON "\"\\u00fc\\u20ac\\u4e2d\""
