map builtins.splitVersion [ "" "1.2.3" "1..2" "1a2b" "1_2-3+4" "abc" ".1." "2.8.0pre20220101" ]
