# application binds tighter: this is (tryEval ({a}: a)) applied to {}, a call of a set
builtins.tryEval ({ a }: a) { }
