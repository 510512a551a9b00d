map builtins.fromJSON [ "true" "false" "null" "\"\"" "0" "-1" ]
