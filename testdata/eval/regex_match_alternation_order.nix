# with a whole-string match, the first alternative that leads to a full match is used for groups
[ (builtins.match "(a|ab)(b*)" "abb") (builtins.match "(ab|a)(b*)" "abb") (builtins.match "(a|ab)(c|bcd)(d*)" "abcd") ]
