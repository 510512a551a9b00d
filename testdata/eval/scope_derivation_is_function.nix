builtins.typeOf derivation
