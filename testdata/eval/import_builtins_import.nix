[ (builtins.import ./data/subdir).sibling (builtins.typeOf import) ]
