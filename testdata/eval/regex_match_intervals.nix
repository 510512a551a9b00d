[ (builtins.match "a{2}" "aa") (builtins.match "a{2,3}" "aaa") (builtins.match "a{2,3}" "aaaa") (builtins.match "a{1,}" "aaaa") (builtins.match "(ab){2}" "abab") ]
