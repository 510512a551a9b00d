# the @-bound set holds only the passed arguments, never the defaults
({ a, b ? a }@args: [ args (builtins.attrNames args) b ]) { a = 1; }
