args@{ a, ... }: (builtins.unsafeGetAttrPos "a" args).line
