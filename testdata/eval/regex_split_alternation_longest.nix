# split (a search) takes the longest match at the leftmost position, whatever the alternative order
[ (builtins.split "a|ab" "xabx") (builtins.split "(a|ab)" "xabx") (builtins.split "(ab|a)" "xabx") ]
