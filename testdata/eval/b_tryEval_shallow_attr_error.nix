# tryEval only forces to weak head normal form: a throwing attribute escapes under --strict
builtins.tryEval { a = throw "escapes tryEval"; }
