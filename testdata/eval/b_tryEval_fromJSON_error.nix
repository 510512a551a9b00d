# fromJSON parse errors are not catchable
builtins.tryEval (builtins.fromJSON "{")
