(args@{ a ? 1, ... }: [ a (args ? a) (args ? b) ]) { b = 2; }
