map builtins.fromJSON [ "1e0" "1e+0" "1.5E1" "-2e-1" "0e5" ]
