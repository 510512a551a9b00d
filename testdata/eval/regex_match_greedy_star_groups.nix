# greedy quantifiers; the last iteration of a repeated group is captured
[ (builtins.match "(a*)(a*)" "aaa") (builtins.match "(a|b)*" "ab") (builtins.match "(.*)-(.*)" "a-b-c") ]
