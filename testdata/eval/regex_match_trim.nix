let trim = s: builtins.head (builtins.match "[[:space:]]*(.*[^[:space:]])?[[:space:]]*" s); in map trim [ "  a b  " "x" "   " "\tq\n" ]
