(builtins: builtins + 1) 1
