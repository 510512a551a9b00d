let collect = v: if builtins.isAttrs v then builtins.concatMap collect (builtins.attrValues v) else [ v ]; in collect { b = { c = 2; a = 1; }; a = 0; }
