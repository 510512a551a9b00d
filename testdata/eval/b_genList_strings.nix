builtins.genList (i: builtins.substring i 1 "abcdef") 6
