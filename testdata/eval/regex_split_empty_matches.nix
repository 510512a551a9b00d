# empty matches split between every character; an empty match right after a non-empty one counts too
[ (builtins.split "" "ab") (builtins.split "x*" "ab") (builtins.split "a*" "baaac") (builtins.split "(a*)" "b") ]
