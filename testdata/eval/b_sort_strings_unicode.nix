builtins.sort builtins.lessThan [ "é" "z" "e" "Z" "" "ä" ]
