# unlike the ? operator, hasAttr requires a set
builtins.hasAttr "a" 1
