builtins.partition (s: builtins.stringLength s > 1) [ "bb" "a" "ccc" "d" "ee" ]
