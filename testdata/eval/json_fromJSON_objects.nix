[ (builtins.fromJSON " [ ] ") (builtins.fromJSON "{}") (builtins.fromJSON "{\"b\":1,\"a\":2}") (builtins.fromJSON "{\"\":1}") (builtins.fromJSON "[[[]],{\"x\":[null]}]") ]
