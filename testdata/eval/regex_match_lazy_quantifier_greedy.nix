# a "non-greedy" *? behaves greedily (POSIX has no lazy quantifiers; libstdc++ accepts the syntax)
[ (builtins.match "(.*?)-(.*)" "a-b-c") (builtins.match "(a+?)(a*)" "aaa") ]
