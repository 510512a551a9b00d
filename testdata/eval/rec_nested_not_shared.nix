# a nested plain set inside rec still sees the rec names (lexical scope)
rec { a = 1; sub = { b = a; }; }
