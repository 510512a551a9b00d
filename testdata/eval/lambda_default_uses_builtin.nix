({ l ? builtins.length [ 1 2 ] }: l) { }
