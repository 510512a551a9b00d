builtins.tryEval (builtins.match "(" "")
