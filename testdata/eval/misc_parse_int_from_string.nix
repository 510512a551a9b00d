map (s: builtins.fromJSON s + 1) [ "41" "-1" "0" ]
