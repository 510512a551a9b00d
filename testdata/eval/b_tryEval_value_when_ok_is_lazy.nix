# tryEval forces only to WHNF, so the inner throw survives if not accessed
builtins.attrNames (builtins.tryEval { a = throw "inner"; }).value
