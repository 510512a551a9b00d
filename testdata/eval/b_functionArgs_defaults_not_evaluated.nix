# functionArgs reports which formals have defaults without evaluating them
builtins.functionArgs ({ a ? throw "x", b }: a)
