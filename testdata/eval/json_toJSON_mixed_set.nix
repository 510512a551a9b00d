builtins.toJSON { int = 1; float = 1.5; str = "s"; bool = false; null = null; list = [ ]; set = { }; }
