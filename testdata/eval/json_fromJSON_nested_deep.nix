builtins.fromJSON "[[[[[[[[[[\"deep\"]]]]]]]]]]"
