[ (builtins.functionArgs (x: x)) (builtins.functionArgs ({ a ? 1, b, ... }@x: 1)) (builtins.functionArgs builtins.map) (builtins.functionArgs ({ }: 1)) ]
