builtins.fromTOML "b = 1979-05-27"
