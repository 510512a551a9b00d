map builtins.parseDrvName [ "foo-2bar" "foo-bar2" "x-1-2" "gcc-wrapper-12.2.0" ]
